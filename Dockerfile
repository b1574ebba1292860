# Switchboard: built with the Maven wrapper, run on a JRE 25 as a non-root user from a layered jar.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY build/ build/
COPY db/ db/
COPY src/ src/
# jOOQ is generated at build time from db/migration (an embedded PostgreSQL runs for the duration).
RUN ./mvnw -B -DskipTests package \
 && java -Djarmode=tools -jar target/switchboard-*.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:25-jre
# The bundled ffmpeg's device library links the desktop's sound and screen libraries, which this image lacks:
# exactly those, so that ffmpeg and ffprobe run (the app checks at start and says so if they cannot).
RUN apt-get update && apt-get install -y --no-install-recommends curl \
      libpulse0 libasound2t64 libxcb1 libxcb-shm0 libdrm2 libva2 libva-drm2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app switchboard
# the code stays root's; the app (uid 10001, home /app) writes only ./data (the embedded database, generated keys,
# a local media folder) and JavaCPP's cache of the bundled ffmpeg under its home
RUN mkdir -p /app/data /app/.javacpp && chown switchboard /app/data /app/.javacpp && chmod 700 /app/data
WORKDIR /app
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
# FFmpeg is in the jar under the GPL: its notices and the license texts travel with the image (deploy/licenses/NOTICE)
COPY LICENSE deploy/licenses/NOTICE /app/licenses/
RUN cp /usr/share/common-licenses/GPL-2 /app/licenses/GPL-2 \
 && cp /usr/share/common-licenses/LGPL-2 /app/licenses/LGPL-2
USER switchboard
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
