package org.misalignment.dashboard.render.twins;

/**
 * A page's record that has {@code .json} and {@code .csv} twins: it builds its
 * {@link Twin} from its own components, the ones its template reads. Asked only when a
 * twin is requested.
 */
public interface TwinSource {

	Twin twin();

}
