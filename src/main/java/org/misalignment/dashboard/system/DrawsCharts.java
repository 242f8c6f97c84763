package org.misalignment.dashboard.system;

/**
 * A page record whose page draws charts: only such pages load Chart.js (208 KB), through
 * the {@code drawsCharts} flag {@link PageRecords} puts into the model.
 */
public interface DrawsCharts {

}
