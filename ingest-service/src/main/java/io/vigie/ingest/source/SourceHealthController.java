package io.vigie.ingest.source;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Per source instance: last poll, its outcome, what was published and what went wrong. */
@RestController
public class SourceHealthController {

    private final SourceHealthRegistry health;

    public SourceHealthController(SourceHealthRegistry health) {
        this.health = health;
    }

    @GetMapping("/api/sources/health")
    public List<SourceHealth> all() {
        return health.all();
    }
}
