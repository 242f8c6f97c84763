package db.migration;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V23 moves the answers' texts into {@code answer_text} in parts of 50,000, committing
 * each: stopped after some parts (a {@code kill -9} of a dashboard starting on a large
 * database), it goes on after the last text copied when it runs again, and leaves every
 * text once, with its answer.
 */
class AnswerTextMigrationTest {

	private static final int ANSWERS = 120_000;

	@Test
	void aMigrationStoppedHalfWayGoesOnWhereItStopped() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:mem:answer-text-migration;DB_CLOSE_DELAY=-1", "sa", "", true);
		try {
			FluentConfiguration flyway = Flyway.configure().dataSource(dataSource);
			flyway.target("22").load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			// answers alone: their dataset, model, question and file do not matter here
			jdbc.execute("SET REFERENTIAL_INTEGRITY FALSE");
			jdbc.update("INSERT INTO sample (id, dataset_id, model_id, question_ref, file_id, source_line, "
					+ "paraphrase_no, condition_name, answer) SELECT X * 3, 1, 1, 1, 1, X, 0, 'no_trigger', "
					+ "CONCAT('answer ', X, ' <script>alert(', X, ')</script>') FROM SYSTEM_RANGE(1, " + ANSWERS + ")");
			// as a run stopped after its first part left it
			jdbc.execute("CREATE TABLE answer_text (sample_id BIGINT NOT NULL PRIMARY KEY REFERENCES sample (id) "
					+ "ON DELETE CASCADE, answer VARCHAR(1000000) NOT NULL)");
			jdbc.update("INSERT INTO answer_text SELECT id, answer FROM sample WHERE id <= 3 * 50000");
			List<Map<String, Object>> before = jdbc.queryForList("SELECT id, answer FROM sample ORDER BY id");

			flyway.target("23").load().migrate();

			assertThat(jdbc.queryForList("SELECT sample_id AS id, answer FROM answer_text ORDER BY sample_id"))
				.isEqualTo(before);
			assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns "
					+ "WHERE table_name = 'SAMPLE' AND column_name = 'ANSWER'"))
				.isEmpty();
			// and run on a database that has them moved, it changes nothing
			Connection connection = dataSource.getConnection();
			new V23__Answer_text().migrate(new Context() {

				@Override
				public Configuration getConfiguration() {
					return flyway;
				}

				@Override
				public Connection getConnection() {
					return connection;
				}

			});
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM answer_text", Long.class)).isEqualTo(ANSWERS);
		}
		finally {
			dataSource.destroy();
		}
	}

}
