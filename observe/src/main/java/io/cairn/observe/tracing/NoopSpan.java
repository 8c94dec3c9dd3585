package io.cairn.observe.tracing;

/** The span handed out while tracing is off. */
enum NoopSpan implements RequestSpan, RequestSpan.Activation {
    INSTANCE;

    @Override
    public String traceId() {
        return "";
    }

    @Override
    public boolean sampled() {
        return false;
    }

    @Override
    public RequestSpan attribute(String key, String value) {
        return this;
    }

    @Override
    public RequestSpan attribute(String key, long value) {
        return this;
    }

    @Override
    public RequestSpan fail(String description) {
        return this;
    }

    @Override
    public RequestSpan fail(Throwable error) {
        return this;
    }

    @Override
    public Activation activate() {
        return this;
    }

    @Override
    public void close() {
    }
}
