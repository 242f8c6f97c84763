package org.misalignment.dashboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, the Dockerfile and .env.example agree with the application's
 * configuration, so that {@code docker compose up} starts a dashboard on PostgreSQL and
 * {@code docker compose run app import …} imports into it. There is no Docker engine
 * here: the files are read and compared, with the variables of .env.example filled in as
 * docker compose would.
 */
class DockerComposeTest {

	/**
	 * {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
	 * {@code ${NAME:?error}}; {@code $$} is a $.
	 */
	private static final Pattern VARIABLE = Pattern
		.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

	private static Map<String, Object> compose;

	private static Map<String, String> env;

	private static Properties application;

	private static Properties postgres;

	private static String dockerfile;

	private static String readme;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (Reader file = Files.newBufferedReader(Path.of("docker-compose.yml"), StandardCharsets.UTF_8)) {
			compose = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(file);
		}
		env = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(".env.example"), StandardCharsets.UTF_8)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				env.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
			}
		}
		application = properties("src/main/resources/application.properties");
		postgres = properties("src/main/resources/application-postgres.properties");
		dockerfile = Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8);
		readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
	}

	@Test
	void theAppRunsTheImageBuiltHereOnThePostgresProfile() {
		assertThat(services()).containsOnlyKeys("db", "app", "proxy");
		assertThat(service("app").get("build")).isEqualTo(".");
		assertThat(environment("app")).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
		assertThat(Path.of("src/main/resources/application-postgres.properties")).exists();
		assertThat(dependsOn("app")).containsEntry("db", Map.of("condition", "service_healthy"));
	}

	@Test
	void everyVariableThePostgresProfileReadsIsGivenAndPointsAtTheDbService() {
		agreesWithTheDbService(env);
		// and with only the required password set, from the defaults in
		// docker-compose.yml
		agreesWithTheDbService(Map.of("DATABASE_PASSWORD", "secret"));
	}

	private static void agreesWithTheDbService(Map<String, String> variables) {
		Map<String, String> app = environment("app", variables);
		Map<String, String> db = environment("db", variables);
		List<String> read = new ArrayList<>();
		for (String value : postgres.stringPropertyNames().stream().map(postgres::getProperty).toList()) {
			Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)").matcher(value);
			while (placeholder.find()) {
				read.add(placeholder.group(1));
			}
		}
		assertThat(read).contains("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD");
		assertThat(app).containsKeys(read.toArray(String[]::new));

		// the URL names the db service on PostgreSQL's port and the database the db
		// service creates
		assertThat(app.get("DATABASE_URL")).startsWith("jdbc:postgresql://db:5432/" + db.get("POSTGRES_DB") + "?")
			.contains("reWriteBatchedInserts=true");
		assertThat(app.get("DATABASE_USER")).isEqualTo(db.get("POSTGRES_USER")).isNotBlank();
		assertThat(app.get("DATABASE_PASSWORD")).isEqualTo(db.get("POSTGRES_PASSWORD")).isNotBlank();
	}

	@Test
	void thePasswordComesFromTheEnvironmentWithoutADefault() {
		for (String service : List.of("db", "app")) {
			String raw = rawEnvironment(service).get(service.equals("db") ? "POSTGRES_PASSWORD" : "DATABASE_PASSWORD");
			assertThat(raw).as(service).startsWith("${DATABASE_PASSWORD:?");
		}
		// every variable docker-compose.yml reads is documented in .env.example
		Matcher variable = VARIABLE.matcher(text("docker-compose.yml"));
		while (variable.find()) {
			assertThat(env).as(".env.example").containsKey(variable.group(1));
		}
	}

	@Test
	void theAppsPortIsTheServerPortTheImageExposesAndTheHealthCheckCalls() {
		String serverPort = application.getProperty("server.port", "8080");
		List<String> ports = strings(service("app").get("ports"));
		assertThat(ports).hasSize(1);
		String published = resolve(ports.get(0));
		assertThat(published.substring(published.lastIndexOf(':') + 1)).isEqualTo(serverPort);
		assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + serverPort + "$");

		// readiness on the public port (the demo's first import keeps it out of service)
		List<String> check = strings(healthcheck("app").get("test"));
		assertThat(String.join(" ", check)).contains("http://localhost:" + serverPort + "/readyz");
		assertThat(application.getProperty("management.endpoints.web.exposure.include")).contains("health");
		assertThat(application.getProperty("management.endpoint.health.probes.add-additional-paths")).isEqualTo("true");
		// the check runs curl, which the runtime image must have
		assertThat(check).contains("curl");
		String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		assertThat(runtime).containsPattern("apt-get install [^\\n]*curl");
	}

	/**
	 * The optional caching proxy: only with {@code --profile proxy}, in front of the
	 * app's port, with the configuration kept in the project, which keeps nothing a
	 * signed-in user gets and revalidates with the app's tags.
	 */
	@Test
	void theCachingProxyIsOptionalAndForwardsToTheApp() throws IOException {
		Map<String, Object> proxy = service("proxy");
		assertThat(strings(proxy.get("profiles"))).containsExactly("proxy");
		assertThat(dependsOn("proxy")).containsEntry("app", Map.of("condition", "service_healthy"));
		List<String> volumes = strings(proxy.get("volumes"));
		assertThat(volumes).hasSize(1);
		Path conf = Path.of(volumes.get(0).substring(0, volumes.get(0).indexOf(':')));
		assertThat(conf).exists();
		String nginx = Files.readString(conf, StandardCharsets.UTF_8);
		String serverPort = application.getProperty("server.port", "8080");
		assertThat(nginx).contains("server app:" + serverPort + ";")
			.contains("proxy_cache_revalidate on;")
			.containsPattern("proxy_no_cache [^;]*\\$cookie_SESSION")
			.containsPattern("proxy_cache_bypass [^;]*\\$http_authorization")
			.contains("client_max_body_size " + application.getProperty("dashboard.import.max-upload-size")
				.toLowerCase(Locale.ROOT)
				.replace("mb", "m") + ";");
		assertThat(resolve(strings(proxy.get("ports")).get(0))).endsWith(":80");
	}

	/**
	 * Prometheus on the compose network reaches the management port; the host does not.
	 */
	@Test
	void theManagementPortIsOnTheComposeNetworkOnlyNotPublished() {
		String managementPort = application.getProperty("management.server.port");
		assertThat(managementPort).isNotBlank().isNotEqualTo(application.getProperty("server.port", "8080"));
		assertThat(application.getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(application.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
		assertThat(environment("app")).containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
			.doesNotContainKey("MANAGEMENT_SERVER_PORT");
		assertThat(strings(service("app").get("expose"))).containsExactly(managementPort);
		for (String published : strings(service("app").get("ports"))) {
			assertThat(resolve(published)).doesNotContain(managementPort);
		}
	}

	@Test
	void postgresHasAHealthCheckAndKeepsItsDataInTheNamedVolume() {
		assertThat(String.join(" ", strings(healthcheck("db").get("test")))).contains("pg_isready");
		String image = (String) service("db").get("image");
		assertThat(image).startsWith("postgres:");
		// the official image keeps its data in /var/lib/postgresql/data up to version 17
		// (18 moved it)
		assertThat(Integer.parseInt(image.substring("postgres:".length()).split("[.-]")[0])).isLessThan(18);
		assertThat(environment("db")).doesNotContainKey("PGDATA");
		assertThat(strings(service("db").get("volumes"))).contains("pgdata:/var/lib/postgresql/data");
		assertThat(((Map<?, ?>) compose.get("volumes")).containsKey("pgdata")).isTrue();
	}

	@Test
	void theImageRunsTheBootJarSoThatImportArgumentsReachIt() {
		String jar = "target/misalignment-dashboard.jar";
		assertThat(text("pom.xml")).contains("<finalName>misalignment-dashboard</finalName>");
		assertThat(dockerfile).contains("RUN ./mvnw -B -q package -DskipTests")
			.contains("RUN java -Djarmode=tools -jar " + jar + " extract --destination target/extracted")
			.contains("COPY --from=build /src/target/extracted/ /app/")
			.contains("sh /tmp/train-cds.sh /app/misalignment-dashboard.jar /app/app.jsa");
		// the archive is trained on the profile the image runs in compose
		// (CdsTrainingTest
		// runs the script)
		assertThat(text("src/main/docker/train-cds.sh"))
			.contains("SPRING_PROFILES_ACTIVE=" + environment("app").get("SPRING_PROFILES_ACTIVE"))
			.contains("-XX:ArchiveClassesAtExit=\"$archive\" -Dspring.context.exit=onRefresh");
		Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$").matcher(dockerfile);
		assertThat(entrypoint.find()).isTrue();
		assertThat(entrypoint.group(1)).startsWith("\"java\"")
			.contains("\"-XX:SharedArchiveFile=/app/app.jsa\"")
			.endsWith("\"-jar\", \"/app/misalignment-dashboard.jar\"");
		// a CMD would be replaced by `docker compose run app import ...`, but it must not
		// add arguments of its own
		assertThat(dockerfile).doesNotContainPattern("(?m)^CMD ");
		assertThat(service("app")).doesNotContainKey("command").doesNotContainKey("entrypoint");
	}

	@Test
	void dataImportIsMountedWhereTheReadmeImportsFrom() {
		assertThat(strings(service("app").get("volumes"))).contains("./data-import:/data-import:ro");
		assertThat(Path.of("data-import")).isDirectory();
		assertThat(readme).contains("docker compose up").contains("docker compose run --rm app import /data-import/");
	}

	// ------------------------------------------------------------------------------------------------
	// reading

	@SuppressWarnings("unchecked")
	private static Map<String, Object> services() {
		return (Map<String, Object>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		return (Map<String, Object>) services().get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> healthcheck(String name) {
		Map<String, Object> check = (Map<String, Object>) service(name).get("healthcheck");
		assertThat(check).as(name + " healthcheck").isNotNull();
		return check;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> dependsOn(String name) {
		return (Map<String, Object>) service(name).get("depends_on");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> rawEnvironment(String name) {
		Map<String, String> values = new LinkedHashMap<>();
		((Map<String, Object>) service(name).get("environment")).forEach((k, v) -> values.put(k, String.valueOf(v)));
		return values;
	}

	/** A service's environment with the variables filled in from .env.example. */
	private static Map<String, String> environment(String name) {
		return environment(name, env);
	}

	private static Map<String, String> environment(String name, Map<String, String> variables) {
		Map<String, String> values = new LinkedHashMap<>();
		rawEnvironment(name).forEach((k, v) -> values.put(k, resolve(v, variables)));
		return values;
	}

	private static String resolve(String value) {
		return resolve(value, env);
	}

	/**
	 * Fills in variables as docker compose does; a required one that is missing fails.
	 */
	private static String resolve(String value, Map<String, String> variables) {
		Matcher variable = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (variable.find()) {
			String given = variables.get(variable.group(1));
			String kind = variable.group(2);
			String replacement;
			if (given != null && !(given.isEmpty() && kind != null && kind.startsWith(":"))) {
				replacement = given;
			}
			else if (kind != null && kind.endsWith("-")) {
				replacement = variable.group(3);
			}
			else {
				throw new AssertionError(
						"docker compose would stop: " + variable.group(1) + " is not set (" + variable.group(3) + ")");
			}
			variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		variable.appendTail(result);
		return result.toString().replace("$$", "$");
	}

	private static List<String> strings(Object list) {
		assertThat(list).isInstanceOf(List.class);
		return ((List<?>) list).stream().map(String::valueOf).toList();
	}

	private static Properties properties(String path) throws IOException {
		Properties properties = new Properties();
		try (Reader file = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
			properties.load(file);
		}
		return properties;
	}

	private static String text(String path) {
		try {
			return Files.readString(Path.of(path), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

}
