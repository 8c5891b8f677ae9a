/**
 * The JSON schemas the model is asked to answer with are drawn from the contract. Providers rely
 * on their exact form: OpenAI's strict structured outputs refuse a schema whose objects allow
 * other keys or leave a property optional, and refuse string-length keywords; the prompt quotes
 * the schema in JSON mode. These are the schemas the curator has always sent.
 * Requests are read from the contract too, into what the prompts quote and with the problems a
 * 400 names field by field.
 */
import {
	analyzeSchema,
	converseSchema,
	type JsonSchema,
	portraitSchema,
	recommendSchema,
	validateConverse,
	validatePortrait,
	validateRecommend,
	withoutKeywordLimits
} from '../_shared/schemas.ts';
import { CuratorError } from '../_shared/errors.ts';
import {
	parseAnalyzeRequest,
	parsePortraitRequest,
	parseRecommendRequest
} from '../_shared/inputs.ts';
import { assert, assertEquals } from './_assert.ts';
import { PORTRAIT } from './_helpers.ts';

const str = { type: 'string' };
const obj = (properties: Record<string, unknown>) => ({
	type: 'object',
	properties,
	required: Object.keys(properties),
	additionalProperties: false
});
const list = (items: unknown, minItems: number, maxItems: number) => ({
	type: 'array',
	items,
	minItems,
	maxItems
});
const facet = obj({ label: str, explanation: str });

const SENT: Record<string, [JsonSchema, unknown]> = {
	portrait: [
		portraitSchema,
		obj({
			primaryGenres: list(facet, 3, 5),
			geographicCenters: list(facet, 2, 4),
			keyEras: list(facet, 2, 4),
			noteworthyGaps: list(facet, 2, 4),
			summary: str
		})
	],
	converse: [
		converseSchema,
		obj({ message: str, complete: { type: 'boolean' }, questionNumber: { type: 'integer' } })
	],
	recommend: [
		recommendSchema,
		obj({
			albums: list(
				obj({ title: str, artist: str, year: str, reason: str, genres: list(str, 1, 5) }),
				1,
				15
			)
		})
	],
	analyze: [analyzeSchema, obj({ reinforcedThemes: str, strategicPivot: str })]
};

/** Every object node, wherever it sits in the schema. */
function objects(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
	if (Array.isArray(node)) node.forEach((n) => objects(n, out));
	else if (typeof node === 'object' && node !== null) {
		const o = node as Record<string, unknown>;
		if (o.type === 'object') out.push(o);
		Object.values(o).forEach((v) => objects(v, out));
	}
	return out;
}

for (const [route, [schema, expected]] of Object.entries(SENT)) {
	Deno.test(`contract: the ${route} schema is the one sent to models, key for key`, () => {
		// Key order too: in JSON mode the prompt quotes the schema as text.
		assertEquals(JSON.stringify(schema), JSON.stringify(expected));
	});

	Deno.test(`contract: the ${route} schema passes OpenAI's strict mode rules`, () => {
		for (const o of objects(schema)) {
			assertEquals(o.additionalProperties, false);
			assertEquals(o.required, Object.keys(o.properties as object));
		}
		const text = JSON.stringify(schema);
		for (const keyword of ['minLength', 'maxLength', 'minimum', 'maximum', '$schema']) {
			assert(!text.includes(`"${keyword}"`), `${route} states ${keyword}`);
		}
		assert(!JSON.stringify(withoutKeywordLimits(schema)).includes('Items"'));
	});
}

/** The field-level details a 400 carries, for a request body. */
function fieldsOf(parse: (body: unknown) => unknown, body: unknown): Record<string, string> {
	try {
		parse(body);
	} catch (error) {
		assert(error instanceof CuratorError && error.code === 'INVALID_INPUT', String(error));
		return (error.details as { fields: Record<string, string> }).fields;
	}
	throw new Error('the request was accepted');
}

Deno.test('contract: a body that is no object has each missing field named too', () => {
	assertEquals(fieldsOf(parsePortraitRequest, [1, 2]), {
		body: 'must be an object',
		artists: 'must be a list'
	});
});

Deno.test('contract: every problem is named by its path, in words', () => {
	// An entry that is no object is reported once, not once more for each field it lacks.
	const fields = fieldsOf(parseAnalyzeRequest, {
		albums: [
			{ title: ' ', artist: 'B', year: true, rating: 2.5 },
			'not an album',
			{ title: 'C', artist: 'D', year: 1990, rating: 3, rationale: 'x'.repeat(2001) }
		]
	});
	assertEquals(fields, {
		'albums[0].title': 'must not be empty',
		'albums[0].year': 'must be a string',
		'albums[0].rating': 'must be a whole number',
		'albums[1]': 'must be an object',
		'albums[2].rationale': 'must have at most 2000 characters'
	});
});

Deno.test('contract: a request is read as the prompts expect it', () => {
	const artists = ['Can', 'Neu!', 'Faust', 'Cluster', 'Harmonia'].map((name, i) => ({
		name: ` ${name} `,
		plays: i === 0 ? null : i,
		extra: 'dropped'
	}));
	assertEquals(
		JSON.stringify(parsePortraitRequest({ artists, source: '' })),
		JSON.stringify({
			artists: [
				{ name: 'Can' },
				{ name: 'Neu!', plays: 1 },
				{ name: 'Faust', plays: 2 },
				{ name: 'Cluster', plays: 3 },
				{ name: 'Harmonia', plays: 4 }
			]
		})
	);
	const rated = parseAnalyzeRequest({
		albums: [1, 2, 3].map((n) => ({ title: `A${n}`, artist: 'B', year: 1999, rating: n })).concat({
			title: 'A4',
			artist: 'B',
			rating: 5,
			rationale: '',
			resonantElement: 'the drums'
		} as never)
	});
	assertEquals(
		JSON.stringify(rated.albums[0]),
		'{"title":"A1","artist":"B","year":"1999","rating":1}'
	);
	assertEquals(
		JSON.stringify(rated.albums[3]),
		'{"title":"A4","artist":"B","year":"","rating":5,"resonantElement":"the drums"}'
	);
	const recommend = parseRecommendRequest({
		portrait: PORTRAIT,
		direction: 'pivot',
		messages: null,
		count: null
	});
	assertEquals([recommend.messages, recommend.exclude, recommend.count], [[], [], 5]);
});

Deno.test('contract: a model answer that is no object is told which fields to give', () => {
	const converse = validateConverse(['Which record?'], 1);
	assertEquals(
		converse.ok ? '' : converse.problem,
		'(root): must be an object; message: must be a string; complete: must be true or false'
	);
	const recommend = validateRecommend('no albums today', []);
	assertEquals(
		recommend.ok ? '' : recommend.problem,
		'(root): must be an object; albums: must be a list'
	);
	const portrait = validatePortrait(null);
	assertEquals(portrait.ok ? '' : portrait.problem, '(root): must be an object');
});
