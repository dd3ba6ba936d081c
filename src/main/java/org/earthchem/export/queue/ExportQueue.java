package org.earthchem.export.queue;

import org.earthchem.export.job.ExportLauncher;
import org.earthchem.export.task.ExportTask;

import org.springframework.stereotype.Component;

/**
 * Hands pending tasks to the export workers in the order they arrive. The workers (a pool of
 * {@code export.workers}) take them first in, first out.
 */
@Component
public class ExportQueue {

	private final ExportLauncher launcher;

	ExportQueue(ExportLauncher launcher) {
		this.launcher = launcher;
	}

	public void enqueue(ExportTask task) {
		this.launcher.launch(task.taskId());
	}

}
