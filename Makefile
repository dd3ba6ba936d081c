# Export service — the commands a developer and CI use. Needs only a JDK 17+ (Maven comes through ./mvnw).
MVNW := ./mvnw -B --no-transfer-progress

.PHONY: run test bench build clean

## run: build and start the service on :8080 with its local stack (OpenSearch, DynamoDB Local) under .local/
run:
	$(MVNW) -q -DskipTests test-compile spring-boot:test-run \
		-Dspring-boot.run.main-class=org.earthchem.export.LocalExportServiceApplication

## test: every unit and integration test, against real in-process servers
test:
	$(MVNW) test

## bench: floor vs. export on a 40,000-document PetDB-like index; table on stdout and in target/bench/
bench:
	$(MVNW) -q -DskipTests test-compile exec:exec@bench

## build: the service jar in target/
build:
	$(MVNW) -DskipTests package

clean:
	$(MVNW) -q clean
