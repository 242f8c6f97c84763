# The dashboard as a container image, over the jar that `./mvnw -B package` builds.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/misalignment-dashboard.jar /app/misalignment-dashboard.jar
EXPOSE 8080
# `docker compose run app import ...` passes its arguments on to the jar
ENTRYPOINT ["java", "-jar", "/app/misalignment-dashboard.jar"]
