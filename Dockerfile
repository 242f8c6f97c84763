# The dashboard as a container image: the first stage builds the Boot jar with the project's Maven wrapper, the
# second runs it. docker compose builds it (see docker-compose.yml); alone: docker build -t misalignment-dashboard .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY data-import data-import
COPY frontend-assets frontend-assets
RUN ./mvnw -B -q package -DskipTests
# Spring Boot's CDS layout: the application jar with its libraries beside it in lib/ (docs/operations.md, "Start-up")
RUN java -Djarmode=tools -jar target/misalignment-dashboard.jar extract --destination target/extracted

FROM eclipse-temurin:17-jre
# curl for the health check (GET /readyz); fonts for the PNG chart images drawn with Java2D, Noto CJK for Chinese
RUN apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --no-create-home dashboard
WORKDIR /app
COPY --from=build /src/target/extracted/ /app/
# Class Data Sharing: a training run starts the application context once, on the profile the image runs (PostgreSQL,
# in a throwaway cluster that this same step installs and removes), and writes the classes it loaded to app.jsa,
# which every start then maps instead of loading them again (about half the start; docs/operations.md)
COPY src/main/docker/train-cds.sh /tmp/train-cds.sh
RUN export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y --no-install-recommends postgresql \
    && sh /tmp/train-cds.sh /app/misalignment-dashboard.jar /app/app.jsa \
    && apt-get purge -y --auto-remove 'postgresql*' \
    && rm -rf /var/lib/postgresql /etc/postgresql /var/lib/apt/lists/* /tmp/train-cds.sh
USER dashboard
EXPOSE 8080
# no CMD: `docker compose run app import ...` passes its arguments on to the jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/misalignment-dashboard.jar"]
