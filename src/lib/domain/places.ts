/**
 * Which countries a place's name means ("UK", "West Germany", "Icelandic", "West Africa"), for
 * checking the portrait's geographic centres against the artists' facts. Only what is named:
 * a city ("Manchester") means no country here, as that would need a gazetteer; a city is
 * checked against the names of the artists' own areas instead (portrait-check.ts).
 */
import { fold } from '$contract/identity';
import { countryName, ISO_NUMERIC, MUSICBRAINZ_ONLY } from './countries';

/** Other names and adjectives people use for a country. */
const ALIASES: Record<string, string[]> = {
	GB: [
		'uk',
		'u k',
		'britain',
		'great britain',
		'british',
		'england',
		'english',
		'scotland',
		'scottish',
		'wales',
		'welsh',
		'northern ireland'
	],
	US: ['usa', 'u s', 'u s a', 'america', 'american', 'united states of america'],
	DE: ['german', 'west germany', 'deutschland'],
	XG: ['east german', 'gdr', 'ddr'],
	FR: ['french'],
	IE: ['irish', 'eire'],
	IS: ['icelandic'],
	CA: ['canadian'],
	JP: ['japanese'],
	BR: ['brazilian', 'brasil'],
	NG: ['nigerian'],
	JM: ['jamaican'],
	ML: ['malian'],
	ET: ['ethiopian', 'ethio'],
	SE: ['swedish'],
	NO: ['norwegian'],
	FI: ['finnish'],
	DK: ['danish'],
	NL: ['dutch', 'holland'],
	BE: ['belgian'],
	IT: ['italian'],
	ES: ['spanish'],
	PT: ['portuguese'],
	MX: ['mexican'],
	AR: ['argentine', 'argentinian', 'argentinean'],
	CU: ['cuban'],
	AU: ['australian'],
	NZ: ['kiwi'],
	KR: ['korean', 'korea'],
	CN: ['chinese'],
	IN: ['indian'],
	RU: ['russian'],
	TR: ['turkish', 'turkey'],
	GR: ['greek'],
	PL: ['polish'],
	HU: ['hungarian'],
	AT: ['austrian'],
	CH: ['swiss'],
	GH: ['ghanaian'],
	SN: ['senegalese'],
	CD: ['congolese', 'congo', 'zaire'],
	KE: ['kenyan'],
	EG: ['egyptian'],
	DZ: ['algerian'],
	MA: ['moroccan'],
	CO: ['colombian'],
	CL: ['chilean'],
	PE: ['peruvian'],
	VE: ['venezuelan'],
	IL: ['israeli'],
	IR: ['iranian', 'persian'],
	LB: ['lebanese'],
	UA: ['ukrainian'],
	CZ: ['czech'],
	RS: ['serbian'],
	HR: ['croatian'],
	RO: ['romanian'],
	BG: ['bulgarian'],
	EE: ['estonian'],
	PR: ['puerto rican'],
	TT: ['trinidadian'],
	HT: ['haitian'],
	TH: ['thai'],
	VN: ['vietnamese'],
	ID: ['indonesian'],
	PH: ['filipino', 'philippine'],
	TW: ['taiwanese'],
	MN: ['mongolian'],
	ZA: ['south african'],
	SU: ['soviet', 'ussr'],
	YU: ['yugoslav', 'yugoslavian'],
	XC: ['czechoslovak', 'czechoslovakian']
};

const WEST_AFRICA = 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG';
const NORTH_AFRICA = 'DZ EG LY MA SD TN EH';
const EAST_AFRICA = 'BI KM DJ ER ET KE MG MW MU MZ RW SC SO SS TZ UG ZM ZW';
const CENTRAL_AFRICA = 'AO CM CF TD CG CD GQ GA ST';
const SOUTHERN_AFRICA = 'BW LS NA ZA SZ';
const EUROPE =
	'AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GI GR HR HU IE IM IS IT LI LT LU LV ' +
	'MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK XG SU YU CS XC XE';
const CARIBBEAN =
	'AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI AN';
const SOUTH_AMERICA = 'AR BO BR CL CO EC GY PY PE SR UY VE GF FK';
const CENTRAL_AMERICA = 'BZ CR GT HN NI PA SV';
const EAST_ASIA = 'CN JP KR KP MN TW HK MO';
const SOUTHEAST_ASIA = 'BN KH ID LA MY MM PH SG TH TL VN';
const SOUTH_ASIA = 'AF BD BT IN LK MV NP PK';
const CENTRAL_ASIA = 'KZ KG TJ TM UZ';
const MIDDLE_EAST = 'AE BH EG IL IQ IR JO KW LB OM PS QA SA SY TR YE';

/** Regions by the UN's geographic groupings (M49), plus a few names music writing uses. */
const REGIONS: [string[], string][] = [
	[['west africa', 'west african'], WEST_AFRICA],
	[['north africa', 'north african', 'maghreb'], NORTH_AFRICA],
	[['east africa', 'east african'], EAST_AFRICA],
	[['central africa', 'central african'], CENTRAL_AFRICA],
	[['southern africa'], SOUTHERN_AFRICA],
	[
		['africa', 'african', 'sub saharan africa'],
		[WEST_AFRICA, NORTH_AFRICA, EAST_AFRICA, CENTRAL_AFRICA, SOUTHERN_AFRICA].join(' ')
	],
	[['europe', 'european'], EUROPE],
	[['scandinavia', 'scandinavian'], 'DK NO SE'],
	[['nordic', 'nordic countries'], 'DK NO SE FI IS FO'],
	[['british isles'], 'GB IE IM'],
	[['benelux', 'low countries'], 'BE NL LU'],
	[['iberia', 'iberian'], 'ES PT'],
	[['balkans', 'balkan'], 'AL BA BG HR XK ME MK RS SI YU CS'],
	[
		['eastern europe', 'eastern european', 'eastern bloc'],
		'BY BG CZ HU MD PL RO RU SK UA SU XC XG'
	],
	[['caribbean', 'west indies'], CARIBBEAN],
	[['latin america', 'latin american'], `${SOUTH_AMERICA} ${CENTRAL_AMERICA} MX CU DO PR HT`],
	[['south america', 'south american'], SOUTH_AMERICA],
	[['central america', 'central american'], CENTRAL_AMERICA],
	[['north america', 'north american'], 'US CA MX'],
	[['middle east', 'middle eastern', 'arab world'], MIDDLE_EAST],
	[['east asia', 'east asian'], EAST_ASIA],
	[['southeast asia', 'south east asia', 'southeast asian'], SOUTHEAST_ASIA],
	[['south asia', 'south asian', 'indian subcontinent'], SOUTH_ASIA],
	[['central asia', 'central asian'], CENTRAL_ASIA],
	[['asia', 'asian'], `${EAST_ASIA} ${SOUTHEAST_ASIA} ${SOUTH_ASIA} ${CENTRAL_ASIA}`],
	[['oceania', 'pacific islands'], 'AU NZ FJ PG SB VU NC PF WS TO']
];

let index: [string, Set<string>][] | undefined;

/** Folded name → the codes it means, longest names first. */
function names(): [string, Set<string>][] {
	if (index) return index;
	const out = new Map<string, Set<string>>();
	const add = (name: string, codes: string[]) => {
		const key = fold(name);
		if (!key) return;
		const set = out.get(key) ?? new Set<string>();
		codes.forEach((c) => set.add(c));
		out.set(key, set);
	};
	for (const code of [...Object.keys(ISO_NUMERIC), ...Object.keys(MUSICBRAINZ_ONLY)])
		add(countryName(code), [code]);
	for (const [code, aliases] of Object.entries(ALIASES))
		for (const alias of aliases) add(alias, [code]);
	for (const [words, codes] of REGIONS) for (const w of words) add(w, codes.split(' '));
	// East Germany is also Germany's, and Germany's adjective takes in East German artists.
	out.get('germany')?.add('XG');
	out.get('german')?.add('XG');
	index = [...out].sort(([a], [b]) => b.length - a.length);
	return index;
}

/** Does `text` contain `phrase` as whole words? Both folded. */
export function hasWords(text: string, phrase: string): boolean {
	return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

/**
 * The country codes a place's label names, by country, adjective or region. Longer names are
 * read first and used up, so "South African" is South Africa, not all of Africa, and
 * "Guinea-Bissau" is not Guinea too.
 */
export function countriesNamedIn(label: string): Set<string> {
	let text = ` ${fold(label)} `;
	const found = new Set<string>();
	for (const [name, codes] of names()) {
		if (!text.includes(` ${name} `)) continue;
		codes.forEach((c) => found.add(c));
		text = text.split(` ${name} `).join('  ');
	}
	return found;
}
