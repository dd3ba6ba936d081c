# The export service's image, built from this repository with the Maven wrapper (no Maven or JDK needed on the host).
#
#   docker build -t earthchem/export-service .                 # the service (the last stage, "runtime")
#   docker build --target seed -t earthchem/export-seed .      # the one-shot demo-data seeder of docker-compose.yml
#
# Three stages:
#   build   - JDK 17: ./mvnw -B -DskipTests package (the Spring Boot jar; the test classes are compiled too)
#   seed    - the build stage plus the test classpath: runs SeedDemoIndices, which loads the demo indices
#             (src/test/java/.../devstack, PetDB- and Synthesis-like generated samples) into OPENSEARCH_URL and exits.
#             Development only: it holds the JDK, the sources and the Maven repository, and runs as root.
#   runtime - JRE 17, the jar and batch-config/ only, as a non-root user.
# Only the classic builder's features are used, so it builds with BuildKit or without it.

# ---- build ------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# the wrapper and the POM first: Maven and the dependencies land in a layer of their own, reused until pom.xml changes
COPY mvnw pom.xml ./
COPY .mvn .mvn
# best effort: what go-offline misses is downloaded by the package below
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN ./mvnw -B -DskipTests package \
	&& cp target/export-service-*.jar /build/export-service.jar

# ---- seed: load the demo indices into OpenSearch (docker-compose.yml's one-shot "seed" service) ------------------
FROM build AS seed
# the test classpath (every scope) as one line, from the local repository the build stage filled
RUN ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/build/test-classpath.txt
ENV OPENSEARCH_URL=http://opensearch:9200
# sh for the $(cat …): the classpath is too long and too machine-specific to write here
CMD ["sh", "-c", "exec java -cp target/test-classes:target/classes:$(cat /build/test-classpath.txt) org.earthchem.export.devstack.SeedDemoIndices"]

# ---- runtime: the service --------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime
RUN groupadd --system --gid 10001 app \
	&& useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
	&& mkdir -p /app/.local \
	&& chown app:app /app/.local
WORKDIR /app
COPY --from=build /build/export-service.jar /app/export-service.jar
# the source definitions (export.sources-dir); mount another folder over it, or set EXPORT_SOURCES_DIR, to change them
COPY batch-config /app/batch-config
ENV EXPORT_SOURCES_DIR=/app/batch-config/sources
# /app/.local: where the default (single-node H2) job repository lives when EXPORT_JOB_REPOSITORY_URL is not set
USER 10001:10001
EXPOSE 8080
# the service's JVM flags, as make run and make bench start it (pom.xml's service.jvm.args; docs/performance.md, "The heap"):
# set JDK_JAVA_OPTIONS to replace them, JAVA_TOOL_OPTIONS to add others (e.g. -XX:MaxRAMPercentage=75); configuration
# through the environment (docs/configuration.md)
ENV JDK_JAVA_OPTIONS="-XX:NewRatio=3 -XX:SurvivorRatio=4"
ENTRYPOINT ["java", "-jar", "/app/export-service.jar"]
