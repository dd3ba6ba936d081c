package org.earthchem.export.task;

/** What came of storing a new task under the caps on active and Pending tasks. */
public enum TaskCreation {

	/** Stored, Pending, and counted. */
	CREATED,
	/** Another task has this id: try another. */
	ID_TAKEN,
	/** The owner already has as many Pending or Processing tasks as allowed. */
	OWNER_AT_LIMIT,
	/** The service already holds as many Pending tasks as allowed. */
	SERVICE_AT_LIMIT,
	/** The owner already has an active task of the same source, query and file type: that one stands. */
	DUPLICATE

}
