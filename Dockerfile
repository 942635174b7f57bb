# gan-service container image.
#
#   CPU (default):  docker build -t gan-service .
#   CUDA 11.6:      docker build --build-arg BACKEND=cuda -t gan-service:cuda .
#
# Stages: "build" compiles the jar with the Maven wrapper; "runtime-cpu" (Debian, OpenJDK 17 JRE,
# Fashion-MNIST) and "runtime-cuda" (NVIDIA's CUDA 11.6 + cuDNN 8 runtime, OpenJDK 17 JRE,
# Fashion-MNIST copied from the "fashion-mnist" stage) are the two operating-system bases; the
# last stage puts the application on the one BACKEND names. BuildKit (the default builder since
# Docker 23) builds only the stages the chosen backend needs. The classic builder
# (DOCKER_BUILDKIT=0, and Testcontainers) builds every stage; for a CPU image there, add
# --build-arg CUDA_RUNTIME_IMAGE=runtime-cpu so that the unused CUDA stage starts from the CPU
# one instead of pulling NVIDIA's image.
#
# The image: non-root user gan (uid/gid 10001), working folder /app, the application at
# /app/gan-service.jar (its libraries in /app/lib), settings in /app/application.yml (override
# with /app/config/application.yml or environment variables such as GAN_WORKERS), run folders in
# the volume /app/runs, ND4J's unpacked natives in /app/cache/javacpp, port 8080.

ARG BACKEND=cpu
# A mirror or a digest-pinned reference can replace NVIDIA's image here.
ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04

# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim AS build
ARG BACKEND

# Debian's slim images drop /usr/share/man, which the JDK's post-install script writes links into.
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        openjdk-17-jdk-headless ca-certificates curl; \
    rm -rf /var/lib/apt/lists/*

WORKDIR /workspace

# The wrapper, its settings and the POM first: the layer that downloads Maven, the plugins and
# the dependencies (several hundred MB) is rebuilt only when one of these changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# Maven reads each line of .mvn/maven.config as a command-line argument, so both Maven runs below
# build the backend that BACKEND names.
RUN set -eu; \
    case "${BACKEND}" in \
        cpu) ;; \
        cuda) echo "-Pcuda" >> .mvn/maven.config ;; \
        *) echo "BACKEND must be cpu or cuda, not '${BACKEND}'" >&2; exit 1 ;; \
    esac
# Downloads Maven, the build's plugins and every dependency by packaging the still empty project
# (nothing to compile, so nothing to repackage). dependency:go-offline would do it with less
# ceremony but also fetches every plugin Spring Boot's parent merely manages (GraalVM's and
# Hibernate's among them), and fails when one of those cannot be downloaded.
RUN ./mvnw -B -ntp -DskipTests -Dspring-boot.repackage.skip=true package \
    && rm -rf target

# The sources last. .git stays out of the build context (.dockerignore): git-commit-id then writes
# no commit to /actuator/info, and the image records its commit in the label instead (REVISION).
COPY src/ src/
RUN ./mvnw -B -ntp -DskipTests package \
    && java -Djarmode=tools -jar target/gan-service-*.jar extract --layers \
        --destination target/layers --application-filename gan-service.jar

# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime-cpu

RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        openjdk-17-jre-headless curl dataset-fashion-mnist; \
    rm -rf /var/lib/apt/lists/*

# ---------------------------------------------------------------------------------------------
# Debian's Fashion-MNIST package, for bases that lack it.
FROM debian:bookworm-slim AS fashion-mnist

RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        dataset-fashion-mnist; \
    rm -rf /var/lib/apt/lists/*

# ---------------------------------------------------------------------------------------------
# The CUDA 11.6 runtime libraries and cuDNN 8 that ND4J's CUDA backend links against; the NVIDIA
# driver comes from the host (NVIDIA Container Toolkit: docker run --gpus all ...).
FROM ${CUDA_RUNTIME_IMAGE} AS runtime-cuda

# NVIDIA's apt sources are dropped first: nothing is installed from them, and their signing keys
# have changed under old images before.
RUN set -eux; \
    rm -f /etc/apt/sources.list.d/cuda*.list /etc/apt/sources.list.d/nvidia-ml*.list; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        openjdk-17-jre-headless curl ca-certificates; \
    rm -rf /var/lib/apt/lists/*
COPY --from=fashion-mnist /usr/share/datasets/fashion-mnist/ /usr/share/datasets/fashion-mnist/

# ---------------------------------------------------------------------------------------------
FROM runtime-${BACKEND}

# /app and everything in it belong to root and are read-only to the service; only the runs
# folder and the native-library cache are gan's. Both folders exist before VOLUME, so a fresh
# volume starts out owned by gan.
RUN set -eux; \
    groupadd --gid 10001 gan; \
    useradd --uid 10001 --gid 10001 --no-log-init --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin gan; \
    install -d -m 0755 /app /app/config; \
    install -d -o 10001 -g 10001 -m 0750 /app/runs /app/cache /app/cache/javacpp

WORKDIR /app

# Spring Boot's layers, least often changed first: the libraries (about 180 MB, ND4J's natives
# included) stay cached in registries and on nodes when only the application changes.
# /app/gan-service.jar finds its libraries in /app/lib through its manifest's Class-Path.
COPY --from=build /workspace/target/layers/dependencies/ ./
COPY --from=build /workspace/target/layers/spring-boot-loader/ ./
COPY --from=build /workspace/target/layers/snapshot-dependencies/ ./
COPY --from=build /workspace/target/layers/application/ ./
COPY application.yml ./application.yml

# Memory, all relative to the container's memory limit (or the host's memory without one):
#   -XX:MaxRAMPercentage=30                      Java heap       <= 30 %
#   -Dorg.bytedeco.javacpp.maxbytes=100%         ND4J off-heap   <= 100 % of the heap = 30 %
#   -Dorg.bytedeco.javacpp.maxphysicalbytes=280% whole process   <= 280 % of the heap = 84 %
# JavaCPP reads its percentages relative to the maximum heap, not to the container. The 24 %
# between heap plus ND4J arrays and the process cap is for metaspace, code cache, thread stacks
# and the native libraries; the last 16 % keeps the process clear of the kernel's OOM killer.
# Example: a 4 GiB limit gives 1.2 GiB heap, 1.2 GiB ND4J arrays, a 3.4 GiB process cap. ND4J
# over its limits throws OutOfMemoryError in the job that asked (the job fails); an exhausted
# heap ends the whole process (ExitOnOutOfMemoryError) so that the orchestrator restarts it.
# The JVM reads JAVA_TOOL_OPTIONS by itself and says so on stderr at start-up. To change a flag,
# set JDK_JAVA_OPTIONS (read after JAVA_TOOL_OPTIONS, so its flags win) or replace this variable.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.maxbytes=100% -Dorg.bytedeco.javacpp.maxphysicalbytes=280%" \
    GAN_ND4J_CACHE_DIR=/app/cache/javacpp

USER 10001:10001
VOLUME ["/app/runs"]
EXPOSE 8080

# The first start unpacks ND4J's natives into /app/cache/javacpp (about 400 MB for the CPU
# backend, about 1 GB for CUDA) before the service is ready, hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD curl -fsS -o /dev/null \
        "http://localhost:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "-jar", "/app/gan-service.jar"]

# Labels last, so that a new revision or date rebuilds no layer above.
ARG BACKEND
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="gan-service" \
      org.opencontainers.image.description="Trains GANs with Deeplearning4j and serves the images they make (${BACKEND} backend)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}" \
      org.opencontainers.image.vendor="gan-service"
