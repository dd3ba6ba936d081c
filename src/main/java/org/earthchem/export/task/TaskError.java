package org.earthchem.export.task;

/** Why a task failed: a code and a sentence a user can act on (never a stack trace). */
public record TaskError(ErrorCode code, String message) {
}
