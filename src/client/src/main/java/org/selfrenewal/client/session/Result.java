package org.selfrenewal.client.session;

import java.util.Objects;

/**
 * What a session step gives back: a value, or the problem that stopped it. The card holder's views branch on
 * {@link #isOk()}; nothing here is prose.
 */
public final class Result<T> {

    private final T value;
    private final Problem problem;

    private Result(T value, Problem problem) {
        this.value = value;
        this.problem = problem;
    }

    public static <T> Result<T> ok(T value) {
        return new Result<>(value, null);
    }

    public static <T> Result<T> failed(Problem problem) {
        return new Result<>(null, Objects.requireNonNull(problem));
    }

    public boolean isOk() {
        return problem == null;
    }

    /** The value; only when {@link #isOk()}. */
    public T value() {
        if (problem != null) {
            throw new IllegalStateException("no value: " + problem.reference());
        }
        return value;
    }

    /** The problem; only when not {@link #isOk()}. */
    public Problem problem() {
        if (problem == null) {
            throw new IllegalStateException("no problem: the step succeeded");
        }
        return problem;
    }

    @Override
    public String toString() {
        return problem == null ? "ok" : "failed: " + problem.reference();
    }
}
