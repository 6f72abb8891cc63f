package io.vigie.alert.incident;

import io.vigie.contracts.AlertRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The incidents' life: detections from {@code alert-raised}, people's actions from the API, explanations from the
 * mentions. Each change is a read, a pure transition ({@link Incident}) and a conditional write, retried from a fresh
 * read when someone else wrote in between; then it goes to the live clients of every replica ({@link IncidentChanges}).
 */
@Service
public class IncidentService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final int MAX_WRITE_ATTEMPTS = 20;
    private static final int MAX_PENDING_EXPLANATIONS = 100;

    private final IncidentRepository repository;
    private final IncidentChanges changes;
    private final IncidentExplainer explainer;
    private final IncidentProperties properties;
    private final Clock clock;
    private final Set<String> explaining = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor explanations;

    IncidentService(IncidentRepository repository, IncidentChanges changes, IncidentExplainer explainer,
                    IncidentProperties properties) {
        this.repository = repository;
        this.changes = changes;
        this.explainer = explainer;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.explanations = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "incident-explainer");
            thread.setDaemon(true);
            return thread;
        });
        explanations.setRemoveOnCancelPolicy(true);
    }

    /**
     * Stores a detection: creates the incident or brings its detection fields up to date. A re-delivered or older
     * event changes nothing. Throws when OpenSearch is unreachable, so the listener retries the same record.
     */
    void record(AlertRaised event) {
        Instant now = clock.instant();
        Optional<Written> outcome = write(event.id(), current -> current == null
                ? new Incident.Applied(Incident.from(event, now), null)
                : current.apply(event, now).orElse(null), false);
        outcome.ifPresent(written -> {
            Incident.Applied applied = written.applied();
            IncidentChange change = applied.change() != null ? applied.change() : applied.incident().creation();
            changes.stored(change, applied.incident(), written.version());
            if (applied.incident().needsExplanation()) {
                explainLater(applied.incident().id(), 1);
            }
        });
    }

    Incident get(String id) {
        return repository.find(id).map(IncidentRepository.Stored::incident)
                .orElseThrow(() -> new IncidentNotFoundException(id));
    }

    IncidentRepository.Page list(IncidentQuery query) {
        return repository.search(query);
    }

    Incident acknowledge(String id, String user) {
        return act(id, IncidentChange.ACKNOWLEDGED, incident -> incident.acknowledge(user, clock.instant()));
    }

    Incident assign(String id, String assignee, String by) {
        return act(id, IncidentChange.ASSIGNED, incident -> incident.assign(assignee, by, clock.instant()));
    }

    Incident comment(String id, String author, String text) {
        return act(id, IncidentChange.COMMENTED,
                incident -> incident.comment(author, text, clock.instant(), properties.maxComments()));
    }

    Incident resolve(String id, String user, String note) {
        return act(id, IncidentChange.RESOLVED, incident -> incident.resolve(user, note, clock.instant()));
    }

    /** A person's action: 404 when there is no such incident, 409 when its state does not allow it. */
    private Incident act(String id, IncidentChange change, Function<Incident, Incident> transition) {
        Written written = write(id, current -> {
            if (current == null) {
                throw new IncidentNotFoundException(id);
            }
            return new Incident.Applied(transition.apply(current), change);
        }, true).orElseThrow();
        changes.stored(change, written.applied().incident(), written.version());
        return written.applied().incident();
    }

    /**
     * Read, transform, write only if nobody wrote since the read; else again.
     *
     * @param transition from the current incident (null when there is none) to the new one; null for "no change"
     */
    private Optional<Written> write(String id, Function<Incident, Incident.Applied> transition, boolean visibleNow) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            Optional<IncidentRepository.Stored> stored = repository.find(id);
            Incident.Applied applied = transition.apply(stored.map(IncidentRepository.Stored::incident).orElse(null));
            if (applied == null) {
                return Optional.empty();
            }
            Optional<IncidentRepository.Version> version = stored.isPresent()
                    ? repository.replace(stored.get(), applied.incident(), visibleNow)
                    : repository.create(applied.incident(), visibleNow);
            if (version.isPresent()) {
                return Optional.of(new Written(applied, version.get()));
            }
            log.debug("Incident {} changed while being updated; applying the change again (attempt {})", id, attempt);
        }
        throw new IllegalStateException("incident " + id + " kept changing while being updated ("
                + MAX_WRITE_ATTEMPTS + " attempts); try again");
    }

    /** Explains in the background: a detection is stored (and its offset committed) whatever the mentions index does. */
    private void explainLater(String id, int attempt) {
        if (!explainer.enabled() || (attempt == 1 && !explaining.add(id))) {
            return;
        }
        if (explaining.size() > MAX_PENDING_EXPLANATIONS) {
            explaining.remove(id);
            log.warn("Too many incidents waiting for an explanation; {} will be explained on its next update", id);
            return;
        }
        long delay = attempt == 1 ? 0 : properties.explanation().retryDelay().toMillis();
        schedule(() -> explain(id, attempt, false), delay, id);
    }

    /**
     * Explains again a little later when the mentions index had fewer of the episode's mentions than the detector
     * counted: an alert is raised within a second of its mentions, often before sentiment-service has indexed them.
     */
    private void catchUpLater(String id, int attempt) {
        schedule(() -> explain(id, attempt, true), properties.explanation().retryDelay().toMillis(), id);
    }

    private void schedule(Runnable task, long delayMillis, String id) {
        try {
            explanations.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            explaining.remove(id); // shutting down
        }
    }

    private void explain(String id, int attempt, boolean catchUp) {
        try {
            Optional<IncidentRepository.Stored> stored = repository.find(id);
            if (stored.isEmpty() || !(catchUp || stored.get().incident().needsExplanation())) {
                explaining.remove(id);
                return;
            }
            Explanation explanation = explainer.explain(stored.get().incident());
            Optional<Written> written = write(id, current -> current == null ? null
                    : new Incident.Applied(current.explained(explanation, clock.instant()), IncidentChange.EXPLAINED),
                    false);
            explaining.remove(id);
            written.ifPresent(w -> changes.stored(IncidentChange.EXPLAINED, w.applied().incident(), w.version()));
            // It escalated while being explained: explain the new severity too.
            written.filter(w -> w.applied().incident().needsExplanation())
                    .ifPresent(w -> explainLater(id, 1));
            if (written.isPresent() && attempt < properties.explanation().maxAttempts()
                    && explanation.episodeMentions() < Math.max(1, stored.get().incident().observed())) {
                catchUpLater(id, attempt + 1);
            }
        } catch (RuntimeException e) {
            if (attempt < properties.explanation().maxAttempts()) {
                log.warn("Could not explain incident {} (attempt {} of {}): {}; trying again in {} s", id, attempt,
                        properties.explanation().maxAttempts(), e.getMessage(),
                        properties.explanation().retryDelay().toSeconds());
                explainLater(id, attempt + 1);
            } else {
                explaining.remove(id);
                log.warn("Could not explain incident {} after {} attempts: {}; it will be explained on its next update",
                        id, attempt, e.getMessage());
            }
        }
    }

    /** A change as written, and the version OpenSearch gave the write. */
    private record Written(Incident.Applied applied, IncidentRepository.Version version) {
    }

    @Override
    public void destroy() {
        explanations.shutdownNow();
    }
}
