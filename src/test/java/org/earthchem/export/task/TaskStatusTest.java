package org.earthchem.export.task;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.earthchem.export.task.TaskStatus.CANCELLED;
import static org.earthchem.export.task.TaskStatus.FAILED;
import static org.earthchem.export.task.TaskStatus.PENDING;
import static org.earthchem.export.task.TaskStatus.PROCESSING;
import static org.earthchem.export.task.TaskStatus.SUCCEEDED;

class TaskStatusTest {

	// api.md: Pending → Processing | Cancelled, Processing → Succeeded | Failed | Cancelled | Pending (a retry or a
	// takeover), Failed → Pending (an operator's restart)
	private static final Map<TaskStatus, Set<TaskStatus>> CONTRACT = Map.of(PENDING, EnumSet.of(PROCESSING, CANCELLED),
			PROCESSING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, PENDING), FAILED, EnumSet.of(PENDING), SUCCEEDED,
			EnumSet.noneOf(TaskStatus.class), CANCELLED, EnumSet.noneOf(TaskStatus.class));

	@ParameterizedTest
	@EnumSource(TaskStatus.class)
	void aStatusMayMoveExactlyWhereTheApiContractAllows(TaskStatus from) {
		assertThat(from.next()).isEqualTo(CONTRACT.get(from));
		for (TaskStatus to : TaskStatus.values()) {
			assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(CONTRACT.get(from).contains(to));
		}
	}

	@Test
	void noStatusMovesToItself() {
		for (TaskStatus status : TaskStatus.values()) {
			assertThat(status.canMoveTo(status)).as(status.label()).isFalse();
		}
	}

	@Test
	void onlyPendingAndProcessingAreActive() {
		assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::isActive))
			.containsExactlyInAnyOrder(PENDING, PROCESSING);
	}

	@Test
	void labelsAreExactlyTheContractsStatusNames() {
		assertThat(TaskStatus.values()).extracting(TaskStatus::label)
			.containsExactly("Pending", "Processing", "Succeeded", "Failed", "Cancelled");
	}

	@Test
	void aLabelReadsBackAsItsStatus() {
		for (TaskStatus status : TaskStatus.values()) {
			assertThat(TaskStatus.fromLabel(status.label())).isEqualTo(status);
		}
	}

	@Test
	void anUnknownLabelIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskStatus.fromLabel("Running"));
	}

}
