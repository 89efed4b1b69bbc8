import pytest

from newsevents.store.regions import Divisions, RegionFilter, divisions, parse_region


@pytest.mark.parametrize(
    ("adcode", "expected"),
    [
        ("620802", Divisions("620000", "620800", "620802")),
        ("620800", Divisions("620000", "620800", None)),
        ("620000", Divisions("620000", None, None)),
        ("110105", Divisions("110000", "110100", "110105")),  # a municipality's district
        ("429004", Divisions("420000", "429000", "429004")),  # a county-level city under the province
        ("422801001", Divisions("420000", "422800", "422801")),  # a township code
        ("000000", Divisions()),
        ("", Divisions()),
        (None, Divisions()),
        ("62080", Divisions()),
        ("abcdef", Divisions()),
    ],
)
def test_divisions(adcode, expected):
    assert divisions(adcode) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("620000", RegionFilter("province", "620000")),
        ("62", RegionFilter("province", "620000")),
        ("620800", RegionFilter("city", "620800")),
        ("6208", RegionFilter("city", "620800")),
        ("620802", RegionFilter("county", "620802")),
        ("110100", RegionFilter("city", "110100")),
        ("130110", RegionFilter("county", "130110")),  # a county code ending in 0 keeps it
    ],
)
def test_parse_region(value, expected):
    assert parse_region(value) == expected


@pytest.mark.parametrize("value", ["", "6", "620", "62080", "6208021", "000000", "00", "62%", "6_", "六二"])
def test_parse_region_refuses(value):
    with pytest.raises(ValueError):
        parse_region(value)
