/** What the connect layer hands back, whatever the service. */

/** One of the listener's top artists, best first; `plays` when the service counts them. */
export interface ServiceArtist {
	name: string;
	plays?: number;
}
