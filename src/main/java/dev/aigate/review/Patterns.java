package dev.aigate.review;

import java.util.List;

/** OpenSSH pattern lists: {@code *} and {@code ?} wildcards, {@code !} negates and wins. */
final class Patterns {
    private Patterns() {
    }

    static boolean matchList(List<String> patterns, String value) {
        boolean positive = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1), value)) {
                    return false;
                }
            } else if (glob(p, value)) {
                positive = true;
            }
        }
        return positive;
    }

    /** Iterative wildcard match with one backtrack point: linear in practice, never exponential. */
    static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
