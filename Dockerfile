# One image per side: docker build --build-arg SIDE=command-side . (or query-side)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-events/pom.xml shared-events/
COPY service-common/pom.xml service-common/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
RUN ./mvnw -q -B dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
ARG SIDE=command-side
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/${SIDE}/target/${SIDE}-*-exec.jar app.jar
USER 1000:1000
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
