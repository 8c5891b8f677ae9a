/**
 * What the shared fake model (fake-openai.mjs) answers: deterministic, schema-valid and
 * plausible content built from the JSON data in the request's first user message, plus the
 * deliberately broken answers of the 'invalid' mode. Albums come from a pool of real records.
 */
/** Real albums: [title, artist, year, genres]. The fake MusicBrainz knows each of them. */
export const POOL = [
	['Kind of Blue', 'Miles Davis', '1959', ['modal jazz', 'cool jazz']],
	['A Love Supreme', 'John Coltrane', '1965', ['spiritual jazz', 'hard bop']],
	['Maiden Voyage', 'Herbie Hancock', '1965', ['post-bop', 'modal jazz']],
	['Ethiopiques, Vol. 4', 'Mulatu Astatke', '1998', ['Ethio-jazz']],
	['Expensive Shit', 'Fela Kuti', '1975', ['Afrobeat']],
	['Remain in Light', 'Talking Heads', '1980', ['new wave', 'art funk']],
	['Unknown Pleasures', 'Joy Division', '1979', ['post-punk']],
	['Closer', 'Joy Division', '1980', ['post-punk', 'gothic rock']],
	['Marquee Moon', 'Television', '1977', ['art punk', 'post-punk']],
	['Neu!', 'Neu!', '1972', ['Krautrock', 'motorik']],
	['Tago Mago', 'Can', '1971', ['Krautrock', 'experimental rock']],
	['Future Days', 'Can', '1973', ['Krautrock', 'ambient rock']],
	['Trans-Europe Express', 'Kraftwerk', '1977', ['electronic', 'synth-pop']],
	['Another Green World', 'Brian Eno', '1975', ['art rock', 'ambient']],
	['Music for Airports', 'Brian Eno', '1978', ['ambient']],
	['Selected Ambient Works 85-92', 'Aphex Twin', '1992', ['ambient techno', 'IDM']],
	['Music Has the Right to Children', 'Boards of Canada', '1998', ['IDM', 'downtempo']],
	['Dummy', 'Portishead', '1994', ['trip hop']],
	['Mezzanine', 'Massive Attack', '1998', ['trip hop']],
	['Blue Lines', 'Massive Attack', '1991', ['trip hop', 'dub']],
	['Untrue', 'Burial', '2007', ['future garage', 'dubstep']],
	['Loveless', 'My Bloody Valentine', '1991', ['shoegaze', 'dream pop']],
	['Souvlaki', 'Slowdive', '1993', ['shoegaze', 'dream pop']],
	['Heaven or Las Vegas', 'Cocteau Twins', '1990', ['dream pop']],
	['Spirit of Eden', 'Talk Talk', '1988', ['post-rock', 'art rock']],
	['Laughing Stock', 'Talk Talk', '1991', ['post-rock']],
	['Hex', 'Bark Psychosis', '1994', ['post-rock']],
	[
		'Lift Your Skinny Fists Like Antennas to Heaven',
		'Godspeed You! Black Emperor',
		'2000',
		['post-rock']
	],
	['Spiderland', 'Slint', '1991', ['post-rock', 'math rock']],
	['OK Computer', 'Radiohead', '1997', ['alternative rock', 'art rock']],
	['Kid A', 'Radiohead', '2000', ['art rock', 'electronic']],
	["What's Going On", 'Marvin Gaye', '1971', ['soul']],
	['Songs in the Key of Life', 'Stevie Wonder', '1976', ['soul', 'funk']],
	["There's a Riot Goin' On", 'Sly and the Family Stone', '1971', ['funk', 'psychedelic soul']],
	['Maggot Brain', 'Funkadelic', '1971', ['funk rock', 'psychedelic soul']],
	['Pink Moon', 'Nick Drake', '1972', ['folk']],
	['Astral Weeks', 'Van Morrison', '1968', ['folk rock', 'jazz folk']],
	['Blue', 'Joni Mitchell', '1971', ['folk', 'singer-songwriter']],
	['Hounds of Love', 'Kate Bush', '1985', ['art pop']],
	['Homogenic', 'Björk', '1997', ['art pop', 'electronic']],
	['Illmatic', 'Nas', '1994', ['East Coast hip hop']],
	['Madvillainy', 'Madvillain', '2004', ['abstract hip hop']],
	['Donuts', 'J Dilla', '2006', ['instrumental hip hop']],
	['Endtroducing.....', 'DJ Shadow', '1996', ['instrumental hip hop', 'trip hop']],
	['Os Mutantes', 'Os Mutantes', '1968', ['Tropicália', 'psychedelic rock']],
	['Clube da Esquina', 'Milton Nascimento & Lô Borges', '1972', ['MPB']],
	['Acabou Chorare', 'Novos Baianos', '1972', ['MPB', 'samba rock']],
	['Amassakoul', 'Tinariwen', '2004', ['desert blues']],
	['Talking Timbuktu', 'Ali Farka Touré & Ry Cooder', '1994', ['desert blues']],
	['Hosono House', 'Haruomi Hosono', '1973', ['folk rock', 'Japanese pop']]
];
const GENRES = [
	'post-punk',
	'dream pop',
	'Krautrock',
	'trip hop',
	'indie folk',
	'ambient',
	'soul',
	'art rock'
];
const PLACES = ['Manchester', 'Bristol', 'Düsseldorf', 'New York City', 'Reykjavík', 'Los Angeles'];
const ERAS = ['Late-1970s', 'Early-1990s', 'Late-1960s', '2000s', '1980s'];
const QUESTIONS = [
	'What do you usually reach for when you want music to change the mood of a room?',
	'Would you rather hear more of the places you already love, or travel somewhere new, say Lagos or São Paulo?',
	'How do you feel about long instrumental stretches without vocals?',
	'Is there an era you keep coming back to, or one you have never explored?',
	'Do you prefer records that sound polished, or ones that feel raw and close?'
];

const pick = (list, i) => list[i % list.length];
const names = (artists) => (artists ?? []).map((a) => a?.name).filter(Boolean);

/** The request's data: the first user message whose content is a JSON object. */
export function userData(messages) {
	for (const m of messages ?? []) {
		if (m?.role !== 'user') continue;
		try {
			const v = JSON.parse(m.content);
			if (v && typeof v === 'object') return v;
		} catch {
			/* not JSON: keep looking */
		}
	}
	return {};
}

function portrait(data) {
	const who = names(data.artists);
	const facets = (labels, n, why) =>
		Array.from({ length: n }, (_, i) => ({
			label: pick(labels, i + who.length),
			explanation: why(pick(who, i) ?? 'your favourites')
		}));
	return {
		primaryGenres: facets(GENRES, 3, (a) => `Anchored by ${a} and the artists around them.`),
		geographicCenters: facets(PLACES, 2, (a) => `Where much of ${a}'s scene took shape.`),
		keyEras: facets(ERAS, 2, (a) => `The period ${a} keeps pulling you back to.`),
		noteworthyGaps: facets(
			['Ethio-jazz', 'Tropicália', 'desert blues'],
			2,
			(a) => `A short step from ${a}, yet absent from your list.`
		),
		summary: `You return again and again to ${who.slice(0, 3).join(', ')}: ${who.length} artists that map a listener who loves texture and atmosphere.`
	};
}

function converse(data) {
	const answers = (data.messages ?? []).filter((m) => m?.role === 'user').length;
	if (answers >= 3) {
		return {
			message: `Thank you — after ${answers} answers I have a clear picture; your recommendations are coming.`,
			complete: true,
			questionNumber: answers
		};
	}
	const n = answers + 1;
	const genre = data.portrait?.primaryGenres?.[0]?.label ?? 'music';
	return {
		message: `Question ${n}: ${QUESTIONS[answers]} (thinking of your ${genre})`,
		complete: false,
		questionNumber: n
	};
}

/** An album that does not exist (not in the fake MusicBrainz either). */
export const INVENTED = [
	'Songs From the Cartographer’s Attic',
	'The Imaginary Orchestra',
	'1983',
	['chamber pop']
];

function recommend(data) {
	const key = (t, a) => `${String(t).toLowerCase()}\u0000${String(a).toLowerCase()}`;
	const excluded = new Set((data.exclude ?? []).map((e) => key(e?.title, e?.artist)));
	const want = Number(data.candidates) || (Number(data.count) || 5) + 3;
	// Like a real model, it invents an album now and then: grounding must drop it.
	const candidates = POOL.filter(([t, a]) => !excluded.has(key(t, a)));
	if (!excluded.has(key(INVENTED[0], INVENTED[1]))) candidates.splice(1, 0, INVENTED);
	const albums = candidates.slice(0, want).map(([title, artist, year, genres]) => ({
		title,
		artist,
		year,
		genres,
		reason: `Because your ${data.direction ?? 'initial'} round points toward ${genres[0]}.`
	}));
	return { albums };
}

function analyze(data) {
	const rated = [...(data.albums ?? [])].sort((a, b) => (b?.rating ?? 0) - (a?.rating ?? 0));
	const top = rated.filter((a) => a.rating >= 4).map((a) => a.title);
	return {
		reinforcedThemes: `You connected most with ${(top.length ? top : [rated[0]?.title]).join(', ')}: patient, textured records.`,
		strategicPivot:
			'Pivot toward West African desert blues, keeping the hypnotic repetition you rated highly.'
	};
}

export const BUILDERS = { portrait, converse, recommend, analyze };
export const INVALID = {
	portrait: { primaryGenres: 'rock' },
	converse: { message: 42 },
	recommend: { albums: [{ title: 'Only a title' }] },
	analyze: { reinforcedThemes: [] }
};
