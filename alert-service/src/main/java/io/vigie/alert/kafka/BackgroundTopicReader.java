package io.vigie.alert.kafka;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.context.SmartLifecycle;

/**
 * Reads a topic on a daemon thread of its own with a plain consumer (no group, no commits: each subclass chooses where
 * it starts reading), started and stopped with the application context.
 */
public abstract class BackgroundTopicReader implements SmartLifecycle {

    private final String threadName;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    protected BackgroundTopicReader(String threadName) {
        this.threadName = threadName;
    }

    /** Reads until {@link #isRunning()} turns false; hands its consumer to {@link #reading} so a stop can wake it. */
    protected abstract void readForever();

    protected final void reading(KafkaConsumer<String, String> kafka) {
        consumer = kafka;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::readForever, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
