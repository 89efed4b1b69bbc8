"""The division table: current GB/T 2260 codes, short and former names, and its data files."""

from __future__ import annotations

from importlib import resources

import pytest

from newsevents.extract.engine.divisions import DivisionTable


@pytest.fixture(scope="module")
def table() -> DivisionTable:
    return DivisionTable.load()


@pytest.mark.parametrize(
    ("code", "name", "level", "parent"),
    [
        ("620000", "甘肃省", "province", None),
        ("620800", "平凉市", "city", "620000"),
        ("620823", "崇信县", "county", "620800"),
        ("620826", "静宁县", "county", "620800"),
        ("630106", "湟中区", "county", "630100"),  # 湟中县 became a district in 2019
        ("410308", "孟津区", "county", "410300"),  # 孟津县 merged into a new district in 2021
        ("422800", "恩施土家族苗族自治州", "city", "420000"),
        ("513400", "凉山彝族自治州", "city", "510000"),
        ("450226", "三江侗族自治县", "county", "450200"),
        ("500240", "石柱土家族自治县", "county", "500000"),  # a municipality's county: no city
        ("513401", "西昌市", "county", "513400"),
        ("330782", "义乌市", "county", "330700"),
        ("110105", "朝阳区", "county", "110000"),
        ("220104", "朝阳区", "county", "220100"),
        ("429004", "仙桃市", "county", "420000"),  # directly under the province
        ("500157", "两江新区", "county", "500000"),  # 2025: replaced 江北区 and 渝北区
    ],
)
def test_current_units(table, code, name, level, parent):
    d = table.get(code)
    assert d is not None
    assert (d.name, d.level, d.parent) == (name, level, parent)


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("630122", "630106"),  # 湟中县 → 湟中区
        ("410322", "410308"),  # 孟津县 → 孟津区
        ("500112", "500157"),  # 渝北区 → 两江新区
        ("350625", "350605"),  # 长泰县 → 长泰区
    ],
)
def test_former_codes_map_to_current(table, former, current):
    assert former not in {d.code for d in table}
    assert table.current(former) == current
    assert table.get(former).code == current


@pytest.mark.parametrize("code", ["630122", "999900", "123456", "", "abc", "710100", "810001"])
def test_codes_that_are_not_current_units(table, code):
    assert code not in {d.code for d in table}


@pytest.mark.parametrize(
    ("name", "shorts"),
    [
        ("恩施土家族苗族自治州", {"恩施州", "恩施"}),
        ("三江侗族自治县", {"三江县", "三江"}),
        ("石柱土家族自治县", {"石柱县", "石柱"}),
        ("广西壮族自治区", {"广西"}),
        ("新疆维吾尔自治区", {"新疆"}),
        ("伊犁哈萨克自治州", {"伊犁州", "伊犁"}),
        ("崇信县", {"崇信"}),
        ("和县", set()),  # a one-character stem has no short form
    ],
)
def test_short_names(table, name, shorts):
    (d,) = [d for d in table.by_name(name)]
    assert set(d.short_names) == shorts


def test_former_names(table):
    former = {(f.name, f.code) for f in table.former_names}
    assert ("湟中县", "630106") in former
    assert ("孟津县", "410308") in former
    assert ("襄樊市", "420600") in former


@pytest.mark.parametrize(
    ("code", "province", "city", "county"),
    [
        ("511700", "四川省", "达州市", None),
        ("350505", "福建省", "泉州市", "泉港区"),
        ("110105", "北京市", "北京市", "朝阳区"),
        ("110000", "北京市", "北京市", None),
        ("620000", "甘肃省", None, None),
        ("429004", "湖北省", None, "仙桃市"),
        ("630122", "青海省", "西宁市", "湟中区"),  # a former code is described as its successor
    ],
)
def test_describe(table, code, province, city, county):
    r = table.describe(code)
    assert (r.province, r.city, r.county) == (province, city, county)
    assert r.adcode == table.current(code)


@pytest.mark.parametrize("code", ["", "000000", "99", "630199"])
def test_describe_unknown(table, code):
    assert table.describe(code) is None


def test_table_is_consistent(table):
    codes = {d.code for d in table}
    assert len(codes) == len(table) > 3000
    for d in table:
        assert len(d.code) == 6 and d.code.isdigit()
        assert d.parent is None or d.parent in codes
        assert (d.level == "province") == (d.parent is None)
        assert all(len(s) >= 2 for s in d.short_names)
        assert table.ancestors(d.code)[0] == d.code


def test_towns_belong_to_current_counties(table):
    text = resources.files("newsevents.extract.engine").joinpath("data/towns.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 25000
    for name, counties in rows:
        assert name.endswith(("镇", "乡", "街道", "苏木")) and len(name) >= 3
        for county in counties.split():
            assert table.get(county) is not None and table.current(county) == county
