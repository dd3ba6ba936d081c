package org.earthchem.export.api;

import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.Timestamps;

/** One audit event as the API shows it. */
record EventView(String at, String type, String detail) {

	static EventView of(TaskEvent event) {
		return new EventView(Timestamps.format(event.at()), event.type().name(), event.detail());
	}

}
