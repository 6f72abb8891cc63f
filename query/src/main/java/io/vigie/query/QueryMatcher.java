package io.vigie.query;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a query tree against a prepared document. Positional operators work on "spans" (first and last word
 * position of each occurrence), which is also how OpenSearch's span queries see them, so that a watch and a search
 * agree on what matches.
 */
final class QueryMatcher {

    private static final long[] NONE = new long[0];

    private QueryMatcher() {
    }

    static boolean matches(QueryNode node, PreparedDocument doc) {
        if (node instanceof QueryNode.And and) {
            for (QueryNode child : and.children()) {
                if (!matches(child, doc)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof QueryNode.Or or) {
            for (QueryNode child : or.children()) {
                if (matches(child, doc)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof QueryNode.Not not) {
            return !matches(not.child(), doc);
        }
        if (node instanceof QueryNode.Term term) {
            if (term.field() == QueryField.LANG) {
                return doc.language().equals(term.word());
            }
            for (String[] words : doc.values(term.field())) {
                if (indexOf(words, term.word(), 0) >= 0) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof QueryNode.Prefix prefix) {
            if (prefix.field() == QueryField.LANG) {
                return doc.language().startsWith(prefix.prefix());
            }
            for (String[] words : doc.values(prefix.field())) {
                for (String word : words) {
                    if (word.startsWith(prefix.prefix())) {
                        return true;
                    }
                }
            }
            return false;
        }
        QueryField field = spanField(node);
        for (String[] words : doc.values(field)) {
            if (spans(node, words).length > 0) {
                return true;
            }
        }
        return false;
    }

    private static QueryField spanField(QueryNode node) {
        if (node instanceof QueryNode.Phrase p) {
            return p.field();
        }
        if (node instanceof QueryNode.Proximity p) {
            return p.field();
        }
        return ((QueryNode.Near) node).field();
    }

    /** Occurrences of a positional node, each packed as {@code start << 32 | end}, sorted. */
    private static long[] spans(QueryNode node, String[] words) {
        if (node instanceof QueryNode.Term term) {
            return termSpans(words, term.word(), false);
        }
        if (node instanceof QueryNode.Prefix prefix) {
            return termSpans(words, prefix.prefix(), true);
        }
        if (node instanceof QueryNode.Phrase phrase) {
            return phraseSpans(words, phrase.words());
        }
        if (node instanceof QueryNode.Proximity proximity) {
            return proximitySpans(words, proximity.words(), proximity.slop());
        }
        QueryNode.Near near = (QueryNode.Near) node;
        long[] left = spans(near.left(), words);
        if (left.length == 0) {
            return NONE;
        }
        return nearSpans(left, spans(near.right(), words), near.distance());
    }

    private static long[] termSpans(String[] words, String word, boolean prefix) {
        long[] out = NONE;
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            if (prefix ? words[i].startsWith(word) : words[i].equals(word)) {
                out = add(out, count++, span(i, i));
            }
        }
        return trim(out, count);
    }

    private static long[] phraseSpans(String[] words, List<String> phrase) {
        long[] out = NONE;
        int count = 0;
        int k = phrase.size();
        String first = phrase.get(0);
        for (int i = indexOf(words, first, 0); i >= 0 && i + k <= words.length; i = indexOf(words, first, i + 1)) {
            int j = 1;
            while (j < k && words[i + j].equals(phrase.get(j))) {
                j++;
            }
            if (j == k) {
                out = add(out, count++, span(i, i + k - 1));
            }
        }
        return trim(out, count);
    }

    /** Minimal windows holding every word of the proximity (with repeats), any order, at most {@code slop} others. */
    private static long[] proximitySpans(String[] words, List<String> wanted, int slop) {
        String[] distinct = wanted.stream().distinct().toArray(String[]::new);
        int[] need = new int[distinct.length];
        for (String w : wanted) {
            need[Arrays.asList(distinct).indexOf(w)]++;
        }
        int[] slot = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            slot[i] = -1;
            for (int d = 0; d < distinct.length; d++) {
                if (distinct[d].equals(words[i])) {
                    slot[i] = d;
                    break;
                }
            }
        }
        int[] have = new int[distinct.length];
        int satisfied = 0;
        long[] out = NONE;
        int count = 0;
        int left = 0;
        for (int right = 0; right < words.length; right++) {
            int s = slot[right];
            if (s < 0) {
                continue;
            }
            if (++have[s] == need[s]) {
                satisfied++;
            }
            while (satisfied == distinct.length) {
                int l = slot[left];
                if (l < 0 || have[l] > need[l]) {
                    if (l >= 0) {
                        have[l]--;
                    }
                    left++;
                    continue;
                }
                if (right - left + 1 - wanted.size() <= slop) {
                    out = add(out, count++, span(left, right));
                }
                have[l]--;
                satisfied--;
                left++;
            }
        }
        return trim(out, count);
    }

    private static long[] nearSpans(long[] left, long[] right, int distance) {
        long[] out = NONE;
        int count = 0;
        int longestRight = 0;
        for (long r : right) {
            longestRight = Math.max(longestRight, end(r) - start(r));
        }
        int from = 0;
        for (long l : left) {
            int lowest = start(l) - distance - 1 - longestRight;
            while (from < right.length && start(right[from]) < lowest) {
                from++;
            }
            for (int k = from; k < right.length; k++) {
                long r = right[k];
                if (start(r) > end(l) + distance + 1) {
                    break;
                }
                int gap = end(l) < start(r) ? start(r) - end(l) - 1
                        : end(r) < start(l) ? start(l) - end(r) - 1 : -1;
                if (gap >= 0 && gap <= distance) {
                    out = add(out, count++, span(Math.min(start(l), start(r)), Math.max(end(l), end(r))));
                }
            }
        }
        long[] result = trim(out, count);
        Arrays.sort(result);
        return result;
    }

    private static int indexOf(String[] words, String word, int from) {
        for (int i = from; i < words.length; i++) {
            if (words[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }

    private static long span(int start, int end) {
        return (long) start << 32 | end;
    }

    private static int start(long span) {
        return (int) (span >>> 32);
    }

    private static int end(long span) {
        return (int) span;
    }

    private static long[] add(long[] array, int count, long value) {
        long[] grown = count < array.length ? array : Arrays.copyOf(array, Math.max(4, count * 2));
        grown[count] = value;
        return grown;
    }

    private static long[] trim(long[] array, int count) {
        return count == array.length ? array : Arrays.copyOf(array, count);
    }
}
