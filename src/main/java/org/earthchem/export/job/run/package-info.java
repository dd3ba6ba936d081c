/**
 * The run of an export on this node: the worker that a queue message hands a task to, the launch, heartbeats, the
 * take-over of a silent run, the retry plan, the classification of failures, and the operators' job operations. The
 * {@code queue} module drives the worker and the {@code admin} module the operations: this package is the {@code job}
 * module's named interface {@code run}.
 */
@NamedInterface("run")
package org.earthchem.export.job.run;

import org.springframework.modulith.NamedInterface;
