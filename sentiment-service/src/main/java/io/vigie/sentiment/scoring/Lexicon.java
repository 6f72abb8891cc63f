package io.vigie.sentiment.scoring;

import io.vigie.sentiment.text.TextFolding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Word valences on VADER's scale (about -4 to +4), looked up accent-insensitively. Entries may be two words
 * ({@code en colère}); they are looked up before single words.
 */
public final class Lexicon {

    private static final Pattern VADER_SEPARATOR = Pattern.compile("\t");
    private static final String VADER_FR_SEPARATOR = "->";

    private final Map<String, Double> valences;

    private Lexicon(Map<String, Double> valences) {
        this.valences = Map.copyOf(valences);
    }

    /**
     * Reads lexicons from the classpath; an entry in a later one overrides the same entry in an earlier one (so a
     * small supplement can correct a general lexicon). Three formats: VADER's
     * ({@code word<TAB>mean<TAB>sd<TAB>ratings}), vader_FR's ({@code word->mean}) and AFINN's JSON object written one
     * entry a line ({@code "word": valence,}). When accent folding makes two
     * entries of one file meet ("pêche", "péché"), their mean is kept: neither reading can be preferred without context.
     */
    public static Lexicon fromClasspath(String... resources) {
        Map<String, Double> valences = new HashMap<>();
        for (String resource : resources) {
            Map<String, double[]> sums = new HashMap<>();
            try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("lexicon '" + resource + "' is missing from the classpath");
                }
                read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), sums);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lexicon '" + resource + "'", e);
            }
            sums.forEach((key, sum) -> valences.put(key, sum[0] / sum[1]));
        }
        return new Lexicon(valences);
    }

    private static void read(BufferedReader reader, Map<String, double[]> sums) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String word;
            String value;
            int arrow = line.lastIndexOf(VADER_FR_SEPARATOR);
            if (line.indexOf('\t') > 0) {
                String[] fields = VADER_SEPARATOR.split(line, 3);
                word = fields[0];
                value = fields[1];
            } else if (arrow > 0) {
                word = line.substring(0, arrow);
                value = line.substring(arrow + VADER_FR_SEPARATOR.length());
            } else if (line.strip().startsWith("\"") && line.lastIndexOf("\":") > line.indexOf('"')) {
                String entry = line.strip();
                int colon = entry.lastIndexOf("\":");
                word = entry.substring(1, colon);
                value = entry.substring(colon + 2).replace(",", "");
            } else {
                continue;
            }
            double[] sum = sums.computeIfAbsent(TextFolding.fold(word.strip()), w -> new double[2]);
            sum[0] += Double.parseDouble(value.strip());
            sum[1] += 1;
        }
    }

    /** The valence of an accent-folded, lower-cased word or two-word phrase, or null when it carries none. */
    public Double valence(String key) {
        return valences.get(key);
    }

    public boolean contains(String key) {
        return valences.containsKey(key);
    }

    public int size() {
        return valences.size();
    }
}
