package io.vigie.ingest.source.demo;

import io.vigie.ingest.source.EntryIssue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The demo dataset, read whole at start-up (a few thousand lines). A bad line is skipped and counted; a missing
 * dataset stops the service, since a demo without data would only look broken further down the pipeline.
 *
 * @param lines  usable lines, sorted by offset
 * @param issues lines skipped, by reason
 */
record DemoDataset(List<DemoLine> lines, Map<EntryIssue, Integer> issues) {

    private static final Logger log = LoggerFactory.getLogger(DemoDataset.class);

    static DemoDataset read(Resource resource, JsonMapper json) {
        if (!resource.exists()) {
            throw new IllegalStateException("demo dataset " + resource.getDescription() + " not found; generate it with "
                    + "'python3 scripts/generate-demo-data.py > ingest-service/src/main/resources/demo/nuvelia-demo.jsonl' "
                    + "or point vigie.ingest.demo.dataset at one");
        }
        List<DemoLine> lines = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                DemoLine line = parse(json, text, number, issues);
                if (line != null) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read demo dataset " + resource.getDescription() + ": " + e, e);
        }
        lines.sort(Comparator.comparingLong(DemoLine::offsetSeconds));
        return new DemoDataset(List.copyOf(lines), Map.copyOf(issues));
    }

    private static DemoLine parse(JsonMapper json, String text, int number, Map<EntryIssue, Integer> issues) {
        DemoLine line;
        try {
            line = json.readValue(text, DemoLine.class);
        } catch (JacksonException e) {
            log.warn("demo: line {} skipped, not a valid dataset line: {}", number, e.getOriginalMessage());
            issues.merge(EntryIssue.UNREADABLE, 1, Integer::sum);
            return null;
        }
        if (line.offsetSeconds() == null) {
            log.warn("demo: line {} skipped, it has no offsetSeconds", number);
            issues.merge(EntryIssue.UNREADABLE, 1, Integer::sum);
            return null;
        }
        if (line.nativeId() == null || line.nativeId().isBlank()) {
            log.warn("demo: line {} skipped, it has no nativeId", number);
            issues.merge(EntryIssue.NO_ID, 1, Integer::sum);
            return null;
        }
        if (line.url() == null || line.url().isBlank()) {
            log.warn("demo: line {} skipped, it has no url", number);
            issues.merge(EntryIssue.NO_LINK, 1, Integer::sum);
            return null;
        }
        return line;
    }

    List<DemoLine> history() {
        return lines.stream().filter(line -> line.offsetSeconds() < 0).toList();
    }

    List<DemoLine> live() {
        return lines.stream().filter(line -> line.offsetSeconds() >= 0).toList();
    }
}
