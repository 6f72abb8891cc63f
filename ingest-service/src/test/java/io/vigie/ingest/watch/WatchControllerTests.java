package io.vigie.ingest.watch;

import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchAlerting.AlertRoute;
import io.vigie.contracts.WatchAlerting.QuietHours;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WatchControllerTests {

    private static final String ACME = """
            {"id": "acme", "name": "ACME", "query": "acme OR \\"acme corp\\"", "languages": ["FR", "en"],
             "timeZone": "Europe/Paris",
             "sources": [{"type": "reddit", "settings": {"subreddits": ["france"]}, "credentialRef": "reddit"}]}
            """;

    private final WatchRepository repository = new WatchRepository();
    private final InMemoryWatchChanges changes = new InMemoryWatchChanges(repository);
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new WatchController(new WatchService(repository,
                    changes, Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC))))
            .setControllerAdvice(new ApiErrorHandler())
            .build();

    @Test
    void aCreatedWatchIsStoredListedAndBoundToItsSources() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME)
                        .header("X-Vigie-User", "alice"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/watches/acme"))
                .andExpect(jsonPath("$.languages[0]").value("fr"))
                .andExpect(jsonPath("$.paused").value(false));

        api.perform(get("/api/watches")).andExpect(jsonPath("$[0].id").value("acme"));
        api.perform(get("/api/watches/acme")).andExpect(jsonPath("$.timeZone").value("Europe/Paris"));
        assertThat(changes.recorded()).singleElement().satisfies(change -> {
            assertThat(change.watchId()).isEqualTo("acme");
            assertThat(change.changedBy()).isEqualTo("alice");
        });
        assertThat(repository.bindings("reddit")).singleElement()
                .satisfies(binding -> assertThat(binding.source().credentialRef()).isEqualTo("reddit"));
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedWithItsColumn() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"acme\", \"name\": \"ACME\", \"query\": \"acme AND (corp OR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("query"))
                .andExpect(jsonPath("$.column").isNumber())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("column")));
        assertThat(changes.recorded()).isEmpty();
    }

    @Test
    void invalidFieldsAreNamedWithWhatToDo() throws Exception {
        expectRefused("{\"id\": \"ACME corp\", \"name\": \"x\", \"query\": \"acme\"}", "id");
        expectRefused("{\"id\": \"acme\", \"query\": \"acme\"}", "name");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"timeZone\": \"Paris\"}", "timeZone");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"languages\": [\"french\"]}",
                "languages[0]");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"myspace\"}]}",
                "sources[0].type");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"rss\", "
                + "\"settings\": {\"feeds\": [\"ftp://example.org/feed\"]}}]}", "sources[0].settings.feeds[0]");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"reddit\", "
                + "\"credentialRef\": \"../etc/passwd\"}]}", "sources[0].credentialRef");
    }

    @Test
    void aSecretInASettingIsRefusedAndNeverEchoed() throws Exception {
        String body = "{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"youtube\", "
                + "\"settings\": {\"apiKey\": [\"AIzaSy-very-secret\"]}}]}";

        String error = api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sources[0].settings.apiKey"))
                .andReturn().getResponse().getContentAsString();

        assertThat(error).contains("credentialRef").doesNotContain("AIzaSy-very-secret");
    }

    @Test
    void creatingAnExistingIdConflictsAndUnknownIdsAreNotFound() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isCreated());
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isConflict());
        api.perform(get("/api/watches/nope")).andExpect(status().isNotFound());
        api.perform(post("/api/watches/nope/pause")).andExpect(status().isNotFound());
    }

    @Test
    void pausedWatchesAreKeptButNeitherPolledNorMatchedUntilResumed() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME));
        WatchMatcher matcher = new WatchMatcher(repository);

        api.perform(post("/api/watches/acme/pause")).andExpect(jsonPath("$.paused").value(true));
        assertThat(repository.bindings("reddit")).isEmpty();
        assertThat(matcher.matchingWatchIds(null, "ACME Corp a encore augmenté ses prix", "fr")).isEmpty();
        api.perform(put("/api/watches/acme").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"ACME group\", \"query\": \"acme\"}"))
                .andExpect(jsonPath("$.name").value("ACME group"))
                .andExpect(jsonPath("$.paused").value(true));

        api.perform(post("/api/watches/acme/resume")).andExpect(jsonPath("$.paused").value(false));
        assertThat(matcher.matchingWatchIds(null, "ACME Corp a encore augmenté ses prix", "fr"))
                .containsExactly("acme");
    }

    @Test
    void aDeletedWatchIsGone() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME));

        api.perform(delete("/api/watches/acme")).andExpect(status().isNoContent());

        api.perform(get("/api/watches/acme")).andExpect(status().isNotFound());
        assertThat(changes.recorded()).last().satisfies(change -> assertThat(change.deleted()).isTrue());
    }

    @Test
    void aQueryCanBeTriedOnASampleWithoutStoringIt() throws Exception {
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"nuvelia AND (déçu OR arnaque)\", \"text\": \"Nuvelia, je suis DECU\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matches").value(true));
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"author:nuvelia\", \"text\": \"Nuvelia\", \"author\": \"Jean\"}"))
                .andExpect(jsonPath("$.matches").value(false));
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"\\\"oops\", \"text\": \"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.column").value(1));
        assertThat(changes.recorded()).isEmpty();
    }

    @Test
    void alertingSettingsAreStoredForAlertServiceAndKeptWhenPaused() throws Exception {
        String body = """
                {"id": "acme", "name": "ACME", "query": "acme", "timeZone": "Europe/Paris",
                 "alerting": {"sensitivity": "high",
                              "detectors": {"volume-spike": "low", "silence": "off", "anomaly-likelihood": "off",
                                            "random-cut-forest": "medium", "crisis-vocabulary": "low"},
                              "crisisTerms": [" rappel produit ", "class action"],
                              "routes": [{"minSeverity": "high", "channels": ["slack-comms", "email"],
                                          "recipients": ["comms@acme.example"], "digest": "None"},
                                         {"minSeverity": "low", "channels": ["email"], "digest": "daily"}],
                              "quietHours": {"from": "22:00", "to": "07:00", "urgentSeverity": "high"}}}
                """;

        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.alerting.detectors.silence").value("off"))
                .andExpect(jsonPath("$.alerting.detectors['crisis-terms']").value("low"))
                .andExpect(jsonPath("$.alerting.detectors['crisis-vocabulary']").doesNotExist())
                .andExpect(jsonPath("$.alerting.routes[0].digest").value("none"))
                .andExpect(jsonPath("$.alerting.crisisTerms[0]").value("rappel produit"));
        api.perform(post("/api/watches/acme/pause")).andExpect(status().isOk());

        WatchAlerting expected = new WatchAlerting(Sensitivity.HIGH,
                Map.of("volume-spike", Sensitivity.LOW, "silence", Sensitivity.OFF, "anomaly-likelihood",
                        Sensitivity.OFF, "random-cut-forest", Sensitivity.MEDIUM, "crisis-terms", Sensitivity.LOW),
                List.of("rappel produit", "class action"),
                List.of(new AlertRoute(Severity.HIGH, List.of("slack-comms", "email"), List.of("comms@acme.example"),
                                "none"),
                        new AlertRoute(Severity.LOW, List.of("email"), List.of(), "daily")),
                new QuietHours("22:00", "07:00", Severity.HIGH));
        assertThat(changes.recorded()).extracting(change -> change.watch().alerting())
                .as("on the watch topic at creation and after the pause").containsExactly(expected, expected);

        api.perform(put("/api/watches/acme").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"ACME\", \"query\": \"acme\", \"alerting\": {\"sensitivity\": \"low\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alerting.sensitivity").value("low"));
        assertThat(repository.find("acme")).hasValueSatisfying(watch -> {
            assertThat(watch.alerting().routes()).as("an update replaces the whole block").isEmpty();
            assertThat(watch.paused()).isTrue();
        });
    }

    @Test
    void aWatchWithoutAlertingKeepsAlertServiceDefaults() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isCreated());

        assertThat(changes.recorded()).singleElement()
                .satisfies(change -> assertThat(change.watch().alerting()).isNull());
    }

    @Test
    void invalidAlertingIsRefusedNamingTheFieldUnderAlerting() throws Exception {
        expectRefusedAlerting("{\"detectors\": {\"volume-spikes\": \"high\"}}", "alerting.detectors.volume-spikes",
                "volume-spike");
        expectRefusedAlerting("{\"detectors\": {\"silence\": \"loud\"}}", "alerting.detectors.silence",
                "off, low, medium, high");
        expectRefusedAlerting("{\"sensitivity\": \"extreme\"}", "alerting.sensitivity", "off, low, medium, high");
        expectRefusedAlerting("{\"routes\": [{\"channels\": [\"email\"]}]}", "alerting.routes[0].minSeverity",
                "low, medium or high");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"critical\", \"channels\": [\"email\"]}]}",
                "alerting.routes[0].minSeverity", "low, medium, high");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"high\"}]}", "alerting.routes[0].channels",
                "channel");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"high\", \"channels\": []}]}",
                "alerting.routes[0].channels", "channel");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"low\", \"channels\": [\"email\"]}, "
                + "{\"minSeverity\": \"high\", \"channels\": [\"Slack Comms\"]}]}", "alerting.routes[1].channels[0]",
                "lower-case");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"high\", \"channels\": [\"email\"], "
                + "\"digest\": \"weekly\"}]}", "alerting.routes[0].digest", "hourly");
        expectRefusedAlerting("{\"routes\": [{\"minSeverity\": \"high\", \"channels\": [\"email\"], "
                + "\"recipients\": [\"comms at acme\"]}]}", "alerting.routes[0].recipients[0]", "email address");
        expectRefusedAlerting("{\"quietHours\": {\"from\": \"22:00\", \"to\": \"7:00\"}}", "alerting.quietHours.to",
                "HH:mm");
        expectRefusedAlerting("{\"quietHours\": {\"from\": \"24:00\", \"to\": \"07:00\"}}",
                "alerting.quietHours.from", "HH:mm");
        expectRefusedAlerting("{\"quietHours\": {\"to\": \"07:00\"}}", "alerting.quietHours.from", "HH:mm");
        expectRefusedAlerting("{\"crisisTerms\": [\"recall\", \"  \"]}", "alerting.crisisTerms[1]", "1 to 100");
        expectRefusedAlerting("{\"crisisTerms\": [\"" + "x".repeat(101) + "\"]}", "alerting.crisisTerms[0]",
                "1 to 100");
        String tooMany = IntStream.rangeClosed(0, 200).mapToObj(i -> "\"term " + i + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        expectRefusedAlerting("{\"crisisTerms\": " + tooMany + "}", "alerting.crisisTerms", "at most 200");
        assertThat(changes.recorded()).isEmpty();
    }

    private void expectRefusedAlerting(String alerting, String field, String advice) throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"alerting\": " + alerting + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString(advice)));
    }

    private void expectRefused(String body, String field) throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.error").isNotEmpty());
    }
}
