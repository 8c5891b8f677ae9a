/**
 * The world as SVG paths, for the listener's map: Natural Earth's 1:110m countries (the
 * world-atlas package, a TopoJSON whose ids are ISO 3166-1 numeric codes) turned into shapes by
 * topojson-client and projected by d3-geo's Equal Earth projection, which keeps areas true so a
 * big country does not look like more listening than it is.
 *
 * The three libraries and the atlas (~108 KB of JSON) load only when a map is first drawn, never
 * with the first page; the service worker precaches them with the rest of the app, so the map
 * draws offline too. The projection is done once per page load and kept.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ALPHA2_OF_NUMERIC, ATLAS_NAMES } from '$lib/domain/countries';

export interface WorldShape {
	/** ISO 3166-1 alpha-2 (or XK for Kosovo); undefined for the few shapes with no code. */
	code?: string;
	name: string;
	d: string;
	/** Where a dot for the country goes: the middle of its largest piece of land. */
	centre: [number, number];
}

export interface World {
	width: number;
	height: number;
	shapes: WorldShape[];
	byCode: ReadonlyMap<string, WorldShape>;
}

export const WORLD_WIDTH = 960;
const ANTARCTICA = '010';
const NAME_TO_CODE = new Map(Object.entries(ATLAS_NAMES).map(([code, name]) => [name, code]));

let loading: Promise<World> | undefined;

/** The projected world; loads the map libraries and atlas the first time it is asked for. */
export function loadWorld(): Promise<World> {
	loading ??= build().catch((err: unknown) => {
		loading = undefined; // a failed load may succeed later (back online, worker ready)
		throw err;
	});
	return loading;
}

type CountryProps = { name: string };

async function build(): Promise<World> {
	const [{ geoEqualEarth, geoPath }, { feature }, atlas] = await Promise.all([
		import('d3-geo'),
		import('topojson-client'),
		import('world-atlas/countries-110m.json')
	]);
	const topology = (atlas.default ?? atlas) as unknown as Topology<{
		countries: GeometryCollection<CountryProps>;
	}>;
	const all = feature(topology, topology.objects.countries) as FeatureCollection<
		Geometry,
		CountryProps
	>;
	// Antarctica would take a fifth of the height and holds no one's music.
	const land: FeatureCollection<Geometry, CountryProps> = {
		type: 'FeatureCollection',
		features: all.features.filter((f) => String(f.id) !== ANTARCTICA)
	};
	const projection = geoEqualEarth().fitWidth(WORLD_WIDTH, land);
	const path = geoPath(projection);
	const [[, top], [, bottom]] = path.bounds(land);
	projection.translate([projection.translate()[0], projection.translate()[1] - top]);
	const height = Math.ceil(bottom - top);

	const shapes = land.features.flatMap((f): WorldShape[] => {
		const d = path(f);
		if (!d) return [];
		const name = f.properties?.name ?? '';
		const code = f.id !== undefined ? ALPHA2_OF_NUMERIC.get(String(f.id)) : NAME_TO_CODE.get(name);
		return [{ ...(code ? { code } : {}), name, d, centre: centreOf(f, path) }];
	});
	return {
		width: WORLD_WIDTH,
		height,
		shapes,
		byCode: new Map(shapes.flatMap((s) => (s.code ? [[s.code, s] as const] : [])))
	};
}

/**
 * The centroid of the largest polygon: France's dot belongs in France, not between Paris and
 * French Guiana, and the United States' not in Canada (Alaska).
 */
function centreOf(
	f: Feature<Geometry, CountryProps>,
	path: { area(o: Feature): number; centroid(o: Feature): [number, number] }
): [number, number] {
	const g = f.geometry as Polygon | MultiPolygon;
	if (g.type !== 'MultiPolygon') return path.centroid(f);
	const pieces = g.coordinates.map((coordinates): Feature<Polygon> => ({
		type: 'Feature',
		properties: {},
		geometry: { type: 'Polygon', coordinates }
	}));
	const largest = pieces.reduce((a, b) => (path.area(b) > path.area(a) ? b : a));
	return path.centroid(largest);
}
