package io.ledgerflow.command.web;

/**
 * Characters that show as nothing, so that two different texts look the same ({@code "payee"} and
 * {@code "pa\u00ADyee"}): Unicode's default-ignorable code points, less those that text in some script or an emoji
 * needs (listed where they are kept), plus the Hangul fillers, which render as blank space, and the noncharacters.
 */
final class ShownAsNothing {

    /** The black flag that starts an emoji tag sequence (a subdivision flag: England, Scotland, Wales). */
    static final int BLACK_FLAG = 0x1F3F4;

    private ShownAsNothing() {
    }

    /**
     * @param previous the code point before, or -1: a tag character is kept inside an emoji tag sequence (after the
     *                 black flag or another tag), refused anywhere else
     */
    static boolean isInvisible(int codePoint, int previous) {
        if (isTag(codePoint)) {
            return previous != BLACK_FLAG && !isTag(previous);
        }
        return isFormatting(codePoint) || isFiller(codePoint) || isNoncharacter(codePoint)
                || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF && !isVariationSelector(codePoint));
    }

    /** Tag characters (U+E0020-U+E007F): emoji tag sequences, and nothing else since Unicode 5.1. */
    private static boolean isTag(int codePoint) {
        return codePoint >= 0xE0020 && codePoint <= 0xE007F;
    }

    /** Ideographic variation selectors pick a glyph of a CJK character; kept (the emoji ones, U+FE00-FE0F, are BMP). */
    private static boolean isVariationSelector(int codePoint) {
        return codePoint >= 0xE0100 && codePoint <= 0xE01EF;
    }

    /**
     * Invisible formatting: soft hyphen, combining grapheme joiner, Khmer's invisible vowels, the Mongolian vowel
     * separator, zero width space, word joiner and the invisible operators, the deprecated formatting characters,
     * zero width no-break space (BOM), the interlinear annotation marks, the shorthand format controls and the
     * musical formatting controls. Kept: the zero width (non-)joiners (U+200C, U+200D) and the Mongolian free
     * variation selectors (U+180B-U+180D, U+180F), which text in those scripts needs.
     */
    private static boolean isFormatting(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x17B4 || c == 0x17B5 || c == 0x180E || c == 0x200B
                || (c >= 0x2060 && c <= 0x2065) || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF
                || (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A);
    }

    /** The Hangul fillers: letters to Unicode, blank space on screen. */
    private static boolean isFiller(int c) {
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }

    /** Code points Unicode never assigns: U+FDD0-U+FDEF and the last two of every plane (U+FFFE, U+FFFF, ...). */
    private static boolean isNoncharacter(int c) {
        return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    }
}
