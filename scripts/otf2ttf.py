#!/usr/bin/env python3
"""Converts CFF-flavoured OpenType fonts to TrueType outlines; how assets/fonts/Inter-*.ttf were made.

    scripts/otf2ttf.py SOURCE.otf TARGET.ttf [SOURCE.otf TARGET.ttf ...]

Each cubic outline becomes quadratic (fontTools' cu2qu, at most 1 font unit, 1/2048 em, off);
every other table (cmap, advances, GSUB and GPOS, names) is kept as it is, so text shapes to the
same glyphs and positions. After fontTools' Snippets/otf2ttf.py. Needs python3-fonttools.
See assets/fonts/README.md for why.
"""
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

MAX_ERR = 1.0  # font units
POST_FORMAT = 2.0

def glyphs_to_quadratic(glyphs, max_err=MAX_ERR, reverse_direction=True):
    quad = {}
    for name in glyphs.keys():
        glyph = glyphs[name]
        pen = TTGlyphPen(glyphs)
        glyph.draw(Cu2QuPen(pen, max_err, reverse_direction=reverse_direction))
        quad[name] = pen.glyph()
    return quad

def otf_to_ttf(ttfont, post_format=POST_FORMAT, **kwargs):
    assert ttfont.sfntVersion == "OTTO"
    assert "CFF " in ttfont
    glyph_order = ttfont.getGlyphOrder()
    ttfont["loca"] = newTable("loca")
    ttfont["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs_to_quadratic(ttfont.getGlyphSet(), **kwargs)
    del ttfont["CFF "]
    if "VORG" in ttfont: del ttfont["VORG"]
    glyf.compile(ttfont)
    for g in glyf.glyphs.values(): g.recalcBounds(glyf)
    ttfont["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(g.components if hasattr(g, "components") else []) for g in glyf.glyphs.values())
    maxp.compile(ttfont)
    post = ttfont["post"]
    post.formatType = post_format
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    ttfont.sfntVersion = "\000\001\000\000"

for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
    f = TTFont(src)
    otf_to_ttf(f)
    f.save(dst)
    print(dst)
