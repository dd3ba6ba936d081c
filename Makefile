# Export service — the commands a developer and CI use. Needs only a JDK 17+ (Maven comes through ./mvnw).
MVNW := ./mvnw -B --no-transfer-progress

.PHONY: run cluster test bench chaos build clean token apikey openapi openapi-lint

## run: build and start the service on SERVER_PORT (default 8080) with its local stack, data under .local/ (kept):
##      two JVMs, as make cluster NODES=1: the launcher holds the stack (OpenSearch, DynamoDB Local, S3Proxy, ElasticMQ,
##      GreenMail), the service runs alone in a JVM of its own (ExportServiceApplication, pom.xml's service.jvm.args,
##      full JIT; job repository: H2 in .local/batch/jobs); both log to this terminal; Ctrl-C stops the service, then
##      the stack; when the service exits, so does make run
run:
	$(MVNW) -q -DskipTests test-compile exec:exec@run

## cluster: the local stack once in the launcher JVM (with PostgreSQL for the shared job repository) and NODES service
##          JVMs sharing it on SERVER_PORT, SERVER_PORT+1, … (default 2 nodes from 8080); the nodes' pids and logs in
##          .local/cluster/, the stack's in this terminal; Ctrl-C stops the nodes, then the stack
NODES ?= 2
cluster:
	NODES=$(NODES) $(MVNW) -q -DskipTests test-compile exec:exec@cluster

## test: every unit and integration test, against real in-process servers
test:
	$(MVNW) test

## bench: floor vs. exports of a 40,000-document PetDB-like index (cold and warm CSV and JSON, 80,000 rows in a
##        256 MB heap, three at once); the stack in the driver JVM, the service alone in JVMs of its own as make run
##        starts it; table on stdout, results.json, JFR hot frames, recording and service logs in target/bench/
bench:
	$(MVNW) -q -DskipTests test-compile exec:exec@bench

## chaos: NODES service nodes (default 3) on a fresh local stack run EXPORTS exports (default 24; CSV and JSON, several
##        owners) of a ROWS-document PetDB-like index (default 40000) while a node is paused 55 s, one killed, one
##        stopped, and the AWS side and OpenSearch freeze; then each export is checked from outside (status, job
##        executions, bytes in S3 against a calm run (CALM=per-type|each), mails, event trail, node logs); table on
##        stdout, details and logs in target/chaos/; fails when a check does. Not part of make test (about 10 min)
##        SCENARIO=hard: 4 nodes and 36 exports (CSV, JSON, NDJSON, gzipped CSV) by default, a node paused 70 s, two
##        killed at once, the job repository's PostgreSQL frozen 20 s, OpenSearch killed and started again on the same
##        data, later frozen 15 s (about 20 min)
EXPORTS ?=
ROWS ?= 40000
CALM ?= per-type
SCENARIO ?= default
# NODES and EXPORTS default by scenario (make cluster's NODES=2 is the Makefile's; one given on the command line or in
# the environment wins)
chaos:
	NODES=$(if $(filter file,$(origin NODES)),,$(NODES)) EXPORTS=$(EXPORTS) ROWS=$(ROWS) CALM=$(CALM) \
		SCENARIO=$(SCENARIO) $(MVNW) -q -DskipTests test-compile exec:exec@chaos

## token: a JWT for the service of `make run`, signed by the local key under .local/ (local profile only)
##        make token SUB=user-42 EMAIL=user@example.org SCOPES="export:petdb export:synthesis"
SUB ?= local-user
EMAIL ?= local-user@example.org
SCOPES ?= export:petdb export:synthesis
token:
	@$(MVNW) -q -DskipTests test-compile exec:java -Dexec.classpathScope=test \
		-Dexec.mainClass=org.earthchem.export.devstack.LocalTokens -Dexec.args="'$(SUB)' '$(EMAIL)' '$(SCOPES)'"

## apikey: issue an API key through a running service (an operator credential is needed); the key is shown once
##        make apikey OWNER=user-42 EMAIL=user@example.org SOURCES=petdb,synthesis [OPERATOR=true]
##        make apikey OWNER=prometheus METRICS=true     # a key that reads /actuator/prometheus and nothing else
##        [URL=http://localhost:8080] [OPERATOR_KEY=operator-demo-key]
URL ?= http://localhost:8080
OPERATOR_KEY ?= operator-demo-key
OPERATOR ?= false
METRICS ?= false
apikey:
	@if [ "$(METRICS)" = "true" ]; then \
		test -n "$(OWNER)" || { echo "usage: make apikey OWNER=… METRICS=true"; exit 2; }; \
		curl -sS -X POST -H "X-API-Key: $(OPERATOR_KEY)" -H 'Content-Type: application/json' \
			-d "{\"owner\":\"$(OWNER)\",\"metrics\":true}" $(URL)/api/v1/admin/api-keys; echo; \
	else \
		test -n "$(OWNER)" -a -n "$(SOURCES)" || { echo "usage: make apikey OWNER=… EMAIL=… SOURCES=a,b [OPERATOR=true] | OWNER=… METRICS=true"; exit 2; }; \
		curl -sS -X POST -H "X-API-Key: $(OPERATOR_KEY)" -H 'Content-Type: application/json' \
			-d "{\"owner\":\"$(OWNER)\",\"email\":\"$(EMAIL)\",\"operator\":$(OPERATOR),\"sources\":[\"$$(echo '$(SOURCES)' | sed 's/,/\",\"/g')\"]}" \
			$(URL)/api/v1/admin/api-keys; echo; \
	fi

## openapi: write the served OpenAPI description over the committed snapshot (after an intended API change);
##          the next build generates the test client from it
OPENAPI_SNAPSHOT := src/test/resources/openapi/export-service.json
openapi:
	$(MVNW) -q test -Dtest=OpenApiSnapshotTest -Dopenapi.snapshot.update=true

## openapi-lint: Redocly's recommended rules over the snapshot (pinned version, through npx; errors fail)
openapi-lint:
	npx --yes @redocly/cli@2.77.0 lint $(OPENAPI_SNAPSHOT)

## build: the service jar in target/
build:
	$(MVNW) -DskipTests package

clean:
	$(MVNW) -q clean
