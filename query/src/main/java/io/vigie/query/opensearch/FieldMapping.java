package io.vigie.query.opensearch;

import io.vigie.query.QueryField;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which index fields each query field searches. A word matches when any of the field's index fields matches.
 * Text fields get full-text queries ({@code match}, {@code match_phrase}, span queries); keyword fields get
 * case-insensitive {@code term}/{@code prefix} queries on the whole value.
 *
 * @param fields        index fields per query field; {@link QueryField#DEFAULT} is not a key: it means title + text
 * @param keywordFields the index fields among them that are {@code keyword}s
 */
public record FieldMapping(Map<QueryField, List<String>> fields, Set<String> keywordFields) {

    /** The {@code vigie-mentions} index template of sentiment-service (ADR 0005). */
    public static final FieldMapping VIGIE_MENTIONS = new FieldMapping(
            Map.of(QueryField.TITLE, List.of("title", "title_fr", "title_en"),
                    QueryField.TEXT, List.of("text", "text_fr", "text_en"),
                    QueryField.AUTHOR, List.of("author.name", "author.handle"),
                    QueryField.LANG, List.of("language"),
                    QueryField.SOURCE, List.of("source.name")),
            Set.of("author.handle", "language", "source.name"));

    public FieldMapping {
        EnumMap<QueryField, List<String>> copy = new EnumMap<>(QueryField.class);
        fields.forEach((field, names) -> copy.put(field, List.copyOf(names)));
        for (QueryField field : QueryField.values()) {
            if (field != QueryField.DEFAULT && copy.getOrDefault(field, List.of()).isEmpty()) {
                throw new IllegalArgumentException("no index field mapped for '" + field.prefix() + ":'");
            }
        }
        fields = Map.copyOf(copy);
        keywordFields = Set.copyOf(keywordFields);
    }

    /** The index fields searched for a query field. */
    public List<String> indexFields(QueryField field) {
        if (field == QueryField.DEFAULT) {
            List<String> both = new ArrayList<>(fields.get(QueryField.TITLE));
            both.addAll(fields.get(QueryField.TEXT));
            return both;
        }
        return fields.get(field);
    }

    public boolean isKeyword(String indexField) {
        return keywordFields.contains(indexField);
    }
}
