package io.vigie.ingest.watch;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The configured watches, read-only until runtime watch management exists. */
@RestController
@RequestMapping("/api/watches")
public class WatchController {

    private final WatchRepository watches;

    public WatchController(WatchRepository watches) {
        this.watches = watches;
    }

    @GetMapping
    public List<Watch> list() {
        return watches.all();
    }
}
