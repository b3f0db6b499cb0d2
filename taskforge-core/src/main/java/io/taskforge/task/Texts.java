package io.taskforge.task;

/** Small string helpers shared by the domain. */
public final class Texts {
    private Texts() {}

    /** Cuts {@code s} to at most {@code max} characters, marking the cut; null stays null. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        String marker = "…[truncated]";
        int keep = Math.max(0, max - marker.length());
        // Never split a surrogate pair: a lone half is not valid UTF-16 and breaks JSON encoders.
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--;
        }
        return s.substring(0, keep) + marker;
    }
}
