#!/usr/bin/env python3
"""Checks what cspreport's shaper assumes of the bundled fonts (run by FontFeatureTests).

The shaper turns the OpenType feature `ccmp` (glyph composition) off for text with no
"composing" character: a combining mark (Unicode category M*), a private-use character, or a
tone letter U+02E5-U+02E9 (see FontLibrary.needsComposition). That gives the same glyphs only
if every `ccmp` rule of every font needs one of those characters somewhere in what it matches.
This script reads each font's GSUB table and checks exactly that, rule by rule: in a ligature,
the first glyph or a component; in a (chained) context, some position of the input, lookahead
or backtrack whose every glyph is a composing one. A glyph no character maps to counts as
composing: without `ccmp`, only composing text could have produced it. It also checks that no
lookup an enabled-by-default feature uses comes before a `ccmp` lookup and could hand it such a
glyph (HarfBuzz applies lookups in index order).

Usage: check-fonts.py FONT...   Exit status 0 when every font passes; each rule that does not
is printed.
"""
import sys
import unicodedata

from fontTools.ttLib import TTFont

# Features HarfBuzz applies by default to horizontal Latin text (besides ccmp itself).
DEFAULT_FEATURES = {"locl", "rlig", "rclt", "calt", "liga", "clig", "kern", "mark", "mkmk",
                    "abvm", "blwm", "curs", "dist", "rvrn", "frac", "numr", "dnom", "ltra",
                    "ltrm", "rtla", "rtlm"}


def composing(codepoint):
    return (unicodedata.category(chr(codepoint)).startswith("M")
            or 0xE000 <= codepoint <= 0xF8FF or codepoint >= 0xF0000
            or 0x2E5 <= codepoint <= 0x2E9)


def check(path):
    font = TTFont(path)
    if "GSUB" not in font:
        return []
    gsub = font["GSUB"].table
    order = font.getGlyphOrder()
    chars = {}
    for codepoint, glyph in font.getBestCmap().items():
        chars.setdefault(glyph, []).append(codepoint)

    def is_composing(glyph):
        return all(composing(c) for c in chars.get(glyph, []))

    def all_composing(glyphs):
        glyphs = list(glyphs)
        return bool(glyphs) and all(is_composing(g) for g in glyphs)

    def members(class_def, cls):
        # Class 0 is every glyph not listed: never all composing here.
        if cls == 0:
            return []
        return [g for g in order if class_def.get(g, 0) == cls]

    lookups = {}
    for record in gsub.FeatureList.FeatureRecord:
        for index in record.Feature.LookupListIndex:
            lookups.setdefault(index, set()).add(record.FeatureTag)
    ccmp = sorted(i for i, tags in lookups.items() if "ccmp" in tags)
    problems = []
    if ccmp:
        for index, tags in lookups.items():
            if index < ccmp[-1] and "ccmp" not in tags and tags & DEFAULT_FEATURES:
                problems.append(f"lookup {index} ({', '.join(sorted(tags))}) runs before ccmp lookup {ccmp[-1]}")
    for index in ccmp:
        lookup = gsub.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            kind, fmt = type(sub).__name__, getattr(sub, "Format", None)
            where = f"lookup {index} {kind} format {fmt}"
            if kind == "LigatureSubst":
                for first, ligatures in sub.ligatures.items():
                    for lig in ligatures:
                        if not (is_composing(first) or any(is_composing(c) for c in lig.Component)):
                            problems.append(f"{where}: {first} + {lig.Component}")
            elif kind in ("SingleSubst", "MultipleSubst", "AlternateSubst"):
                table = getattr(sub, "mapping", None) or getattr(sub, "alternates", None) or {}
                for glyph in table:
                    if not is_composing(glyph):
                        problems.append(f"{where}: {glyph}")
            elif kind == "ContextSubst" and fmt == 3:
                if not any(all_composing(c.glyphs) for c in sub.Coverage):
                    problems.append(where)
            elif kind == "ChainContextSubst" and fmt == 3:
                positions = list(sub.InputCoverage) + list(sub.LookAheadCoverage) + list(sub.BacktrackCoverage)
                if not any(all_composing(c.glyphs) for c in positions):
                    problems.append(where)
            elif kind == "ChainContextSubst" and fmt == 2:
                inputs, ahead = sub.InputClassDef.classDefs, sub.LookAheadClassDef.classDefs
                back = sub.BacktrackClassDef.classDefs
                for first, rules in enumerate(sub.ChainSubClassSet or []):
                    for rule in (rules.ChainSubClassRule if rules else []):
                        positions = ([members(inputs, first)] + [members(inputs, c) for c in rule.Input]
                                     + [members(ahead, c) for c in rule.LookAhead]
                                     + [members(back, c) for c in rule.Backtrack])
                        if not any(all_composing(p) for p in positions):
                            problems.append(f"{where}, class {first}")
            else:
                problems.append(f"{where}: not analysed")
    return problems


def main(paths):
    failed = False
    for path in paths:
        problems = check(path)
        print(f"{path}: {'ok' if not problems else f'{len(problems)} ccmp rules act on ordinary text'}")
        for p in problems:
            print(f"  {p}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
