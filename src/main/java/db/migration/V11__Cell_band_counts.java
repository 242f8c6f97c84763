package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds to each cell of {@code sample_cell} its answers per aligned band × coherent band,
 * from the score pairs of {@code cell_scores}, which hold every stored answer's scores;
 * the importer writes them from now on. It counts and packs them as the importer did when
 * this migration was released ({@link CellBandsAsOfV11}, a frozen copy, so that a later
 * change to the importer never changes what this migration does).
 */
public class V11__Cell_band_counts extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE sample_cell ADD COLUMN bands BYTEA");
		}
		Map<List<Object>, int[]> cells = new HashMap<>();
		try (Statement statement = connection.createStatement()) {
			statement.setFetchSize(100);
			try (ResultSet rows = statement
				.executeQuery("SELECT model_id, question_ref, condition_name, scores FROM cell_scores")) {
				while (rows.next()) {
					int[] counts = cells.computeIfAbsent(List.of(rows.getLong(1), rows.getLong(2), rows.getString(3)),
							(cell) -> new int[CellBandsAsOfV11.SIZE]);
					CellBandsAsOfV11.forEachPair(rows.getBytes(4),
							(aligned, coherent) -> counts[CellBandsAsOfV11.slot(aligned, coherent)]++);
				}
			}
		}
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE sample_cell SET bands = ? WHERE model_id = ? AND question_ref = ? AND condition_name = ?")) {
			for (Map.Entry<List<Object>, int[]> cell : cells.entrySet()) {
				update.setBytes(1, CellBandsAsOfV11.pack(cell.getValue()));
				update.setLong(2, (Long) cell.getKey().get(0));
				update.setLong(3, (Long) cell.getKey().get(1));
				update.setString(4, (String) cell.getKey().get(2));
				update.addBatch();
			}
			update.executeBatch();
		}
	}

}
