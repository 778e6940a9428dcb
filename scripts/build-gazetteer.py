#!/usr/bin/env python3
"""Builds data/places/de.tsv, the German gazetteer, from the GeoNames files in ../shared/data.

Usage (from the repository root): python3 scripts/build-gazetteer.py [SHARED_DATA_DIR]

Deterministic: the same input files always give the same output. Python 3.11 standard library
only. The format is documented in data/places/README.md.
"""

import csv
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUTPUT = ROOT / "data" / "places" / "de.tsv"

# Postcode rows are matched to a GeoNames place of the same name within this distance.
MATCH_KM = 20.0
# A postcode row whose name matches only a place's base name ("Neustadt" for
# "Neustadt (Hessen)") must be closer.
BASE_MATCH_KM = 10.0
# Rows with accuracy 0 (mostly companies and PO boxes) are kept only when their name is a place
# name and they lie this close to that place.
ACCURACY_ZERO_MATCH_KM = 5.0
# Rows of the same name and state further apart than this are different places.
CLUSTER_KM = 15.0


def fold(text):
    """Folds like the Rust search: case, marks, ß, ae/oe/ue; tokens joined by one space."""
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    out = []
    for character in unicodedata.normalize("NFD", text):
        if unicodedata.combining(character):
            continue
        out.append(character.lower() if character.isalnum() else " ")
    tokens = []
    for token in "".join(out).split():
        for digraph, letter in (("ae", "a"), ("oe", "o"), ("ue", "u")):
            token = token.replace(digraph, letter)
        tokens.append(token)
    return " ".join(tokens)


def base(name):
    """The name without its qualifier: "Frankenberg (Eder)" → "Frankenberg"."""
    for separator in (" (", "/", ",", " bei ", " b. "):
        index = name.find(separator)
        if index > 0:
            name = name[:index]
    return name.strip()


def km(a_lat, a_lon, b_lat, b_lon):
    dlat = math.radians(b_lat - a_lat)
    dlon = math.radians(b_lon - a_lon)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(a_lat)) * math.cos(math.radians(b_lat)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def within_one_edit(a, b):
    """Like the Rust `within_one_edit`: one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1:
        return False
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    if len(a) == len(b):
        if common == len(a):
            return True
        swap = (
            common + 1 < len(a)
            and a[common] == b[common + 1]
            and a[common + 1] == b[common]
            and a[common + 2 :] == b[common + 2 :]
        )
        return a[common + 1 :] == b[common + 1 :] or swap
    if len(a) < len(b):
        return a[common:] == b[common + 1 :]
    return a[common + 1 :] == b[common:]


def is_latin(name):
    for character in name:
        if character.isascii():
            continue
        code = ord(character)
        if 0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF or character in "’‘·–":
            continue
        return False
    return True


def worth_keeping(alternate):
    """Latin-script names a German user might type, not codes or transliterations."""
    if not alternate or not is_latin(alternate):
        return False
    # Romanisations of other scripts ("fu lan ken bei ge", "kwrbakh") are all lower case.
    if not alternate[0].isupper():
        return False
    # Airport and similar codes ("FRA", "MUC").
    if alternate.isupper() and len(alternate) <= 4:
        return False
    # Transliterations of a Russian soft sign ("Fjol'", "Bad-Vil'dungen").
    if "'" in alternate or "’" in alternate:
        return False
    return True


STATES = {
    "Schleswig-Holstein": "01", "Hamburg": "02", "Niedersachsen": "03", "Bremen": "04",
    "Nordrhein-Westfalen": "05", "Hessen": "06", "Rheinland-Pfalz": "07",
    "Baden-Württemberg": "08", "Bayern": "09", "Saarland": "10", "Berlin": "11",
    "Brandenburg": "12", "Mecklenburg-Vorpommern": "13", "Sachsen": "14", "Sachsen-Anhalt": "15",
    "Thüringen": "16",
    # English names, as some rows have them.
    "Bavaria": "09", "Lower Saxony": "03", "Land Berlin": "11", "Saxony": "14",
    "Saxony-Anhalt": "15", "Thuringia": "16", "Mecklenburg-Western Pomerania": "13",
}


def district_name(kind, name):
    short = name.split(",")[0].strip()
    if kind in ("Kreisfreie Stadt", "Stadtkreis"):
        return short
    lower = short.lower()
    if "kreis" in lower or "region" in lower:
        return short
    return f"{kind} {short}"


def main():
    districts = {}
    with open(SHARED / "districts-de.csv", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter=";"):
            districts[row["AGS"]] = district_name(row["type"], row["name"])

    places = []  # dicts: name, lat, lon, ags, gemeinde, population, alternates, postcodes, names
    by_fold = defaultdict(list)
    with open(SHARED / "geonames" / "places-de.tsv", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["feature_code"] == "PPLH" or row["admin3_kreis_ags"] not in districts:
                continue
            alternates = [name for name in row["alternatenames"].split(",") if name]
            place = {
                "geonames": row["name"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "ags": row["admin3_kreis_ags"],
                "gemeinde": row["admin4_gemeinde_ags"],
                "population": int(row["population"] or 0),
                "alternates": [row["name"], row["asciiname"], *alternates],
                "postcodes": set(),
                "postcode_points": [],
                "postcode_names": Counter(),
                "zero_names": Counter(),
            }
            index = len(places)
            places.append(place)
            for name in set(place["alternates"]):
                by_fold[fold(name)].append(index)

    def nearest_match(name, lat, lon, limit_km):
        best = None
        for key, distance_limit in ((fold(name), math.inf), (fold(base(name)), BASE_MATCH_KM)):
            for index in by_fold.get(key, ()):
                place = places[index]
                distance = km(lat, lon, place["lat"], place["lon"])
                # Cities reach further than towns: Berlin's postcodes lie up to 30 km out.
                reach = max(limit_km, 0.02 * math.sqrt(place["population"]))
                if distance <= min(reach, distance_limit) and (
                    best is None or distance < best[0]
                ):
                    best = (distance, index)
            if best is not None:
                return best[1]
        return None

    unmatched = defaultdict(list)  # (name, state) → rows
    with open(SHARED / "geonames" / "postal-codes-de.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        name = row["place"].strip()
        lat, lon = float(row["lat"]), float(row["lon"])
        accurate = float(row["accuracy"]) > 0
        index = nearest_match(name, lat, lon, MATCH_KM if accurate else ACCURACY_ZERO_MATCH_KM)
        if index is not None:
            places[index]["postcodes"].add(row["plz"])
            places[index]["postcode_points"].append((row["plz"], lat, lon))
            (places[index]["postcode_names"] if accurate else places[index]["zero_names"])[
                name
            ] += 1
        elif accurate:
            unmatched[(name, row["state"])].append((row["plz"], lat, lon))

    # Municipalities that only the postcode file knows (Diemelsee, Twistetal): one place per
    # cluster of same-named rows, in the district of the nearest GeoNames place.
    grid = defaultdict(list)
    for index, place in enumerate(places):
        grid[(int(place["lat"] * 10), int(place["lon"] * 10))].append(index)

    def nearest_place(lat, lon, state):
        cell = (int(lat * 10), int(lon * 10))
        for reach in range(1, 20):
            candidates = [
                index
                for dlat in range(-reach, reach + 1)
                for dlon in range(-reach, reach + 1)
                for index in grid.get((cell[0] + dlat, cell[1] + dlon), ())
                if state is None or places[index]["ags"].startswith(state)
            ]
            if candidates:
                return min(
                    candidates,
                    key=lambda i: (km(lat, lon, places[i]["lat"], places[i]["lon"]), i),
                )
        return None

    for (name, state), group in sorted(unmatched.items()):
        clusters = []
        for plz, lat, lon in sorted(group):
            for cluster in clusters:
                if km(lat, lon, cluster[0][1], cluster[0][2]) <= CLUSTER_KM:
                    cluster.append((plz, lat, lon))
                    break
            else:
                clusters.append([(plz, lat, lon)])
        for cluster in clusters:
            lat = sum(row[1] for row in cluster) / len(cluster)
            lon = sum(row[2] for row in cluster) / len(cluster)
            # In the same state: Diemelsee (Hessen) lies nearer to a town across the border.
            neighbour = nearest_place(lat, lon, STATES.get(state))
            if neighbour is None:
                continue
            places.append(
                {
                    "geonames": None,
                    "lat": lat,
                    "lon": lon,
                    "ags": places[neighbour]["ags"],
                    "gemeinde": None,
                    "population": 0,
                    "alternates": [],
                    "postcodes": {row[0] for row in cluster},
                    "postcode_points": list(cluster),
                    "postcode_names": Counter({name: len(cluster)}),
                    "zero_names": Counter(),
                }
            )

    # Villages and city quarters without a postcode of their own get the postcode of their
    # municipality whose centre is nearest to them.
    municipality_points = defaultdict(list)
    for place in places:
        if place["gemeinde"]:
            municipality_points[place["gemeinde"]].extend(place["postcode_points"])
    for place in places:
        if place["postcodes"] or not place["gemeinde"]:
            continue
        points = municipality_points.get(place["gemeinde"])
        if points:
            nearest = min(
                points, key=lambda point: (km(place["lat"], place["lon"], point[1], point[2]), point)
            )
            place["postcodes"] = {nearest[0]}

    for place in places:
        names = place["postcode_names"] or place["zero_names"]
        if names:
            # The postcode file's spelling is the official German one ("München", not "Munich";
            # "Frankenberg (Eder)"); the most frequent wins, the shorter one on a tie
            # ("Allendorf (Eder)", not its part "Allendorf (Eder) Battenfeld").
            place["display"] = max(
                names.items(), key=lambda item: (item[1], -len(item[0]), item[0])
            )[0]
        else:
            place["display"] = place["geonames"]

    # GeoNames sometimes lists a municipality twice (its seat and the locality, one with the
    # population, one with the postcode): same name, same district, close by → one place.
    groups = defaultdict(list)
    for place in places:
        groups[(place["ags"], fold(place["display"]))].append(place)
    merged = []
    for group in groups.values():
        group.sort(key=lambda p: (not p["postcode_names"], -p["population"], p["lat"], p["lon"]))
        kept = []
        for place in group:
            for other in kept:
                if km(place["lat"], place["lon"], other["lat"], other["lon"]) <= CLUSTER_KM:
                    other["population"] = max(other["population"], place["population"])
                    other["postcodes"] |= place["postcodes"]
                    other["alternates"] += place["alternates"]
                    break
            else:
                kept.append(place)
        merged.extend(kept)
    places = merged

    lines_by_district = defaultdict(list)
    for place in places:
        names = place["postcode_names"] or place["zero_names"]
        display = place["display"]
        seen = {fold(display), fold(base(display))}
        alternates = []
        for name in [*names, *place["alternates"]]:
            name = name.strip()
            key = fold(name)
            if not key or key in seen or not worth_keeping(name):
                continue
            # One edit from a name already kept ("Korbakh", "Villingen"): the lookup's typo
            # tolerance finds it anyway.
            if any(within_one_edit(key, other) for other in seen):
                continue
            seen.add(key)
            alternates.append(name.replace("|", "/"))
        population = str(place["population"]) if place["population"] else ""
        fields = [
            display,
            f"{place['lat']:.4f}".rstrip("0").rstrip("."),
            f"{place['lon']:.4f}".rstrip("0").rstrip("."),
            population,
            ",".join(sorted(place["postcodes"])),
            "|".join(alternates),
        ]
        while fields and not fields[-1]:
            fields.pop()
        lines_by_district[place["ags"]].append("\t".join(fields))

    out = [
        "# service-finder gazetteer 1: Place data © GeoNames, CC BY 4.0, https://www.geonames.org/",
        "# format: data/places/README.md; regenerate with scripts/build-gazetteer.py",
    ]
    for ags in sorted(lines_by_district):
        out.append(f"D\t{ags}\t{districts[ags]}")
        out.extend(sorted(set(lines_by_district[ags])))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {sum(len(v) for v in lines_by_district.values())} places")


if __name__ == "__main__":
    main()
