/**
 * The artists and areas of the fake MusicBrainz (tests/fakes/fake-musicbrainz.mjs): names,
 * types, areas, life-spans and tags as MusicBrainz has them (tag counts rounded), areas linked
 * by "part of" up to a country. Areas and artists carry their real MBID where a recorded answer
 * (shared/mb-real) shows it; the rest have synthetic ids, stable per name, the same ids the
 * fake's album credits use.
 *
 * Deliberate cases: Can and Joy Division have a city as their area (no `country` in a search
 * answer, so a client has to walk the area hierarchy), Madvillain has no area and Burial no
 * life-span, two bands are called Nirvana, Aphex Twin and Tinariwen began outside the country
 * of their area.
 */

/** [key, type, ISO 3166-1 codes, ISO 3166-2 codes, parent key, name (when not the key), real MBID] */
export const AREAS = [
	['United Kingdom', 'Country', ['GB'], [], null, null, '8a754a16-0027-3a29-b6d7-2b40ea0481ed'],
	['United States', 'Country', ['US'], [], null, null, '489ce91b-6658-3307-9877-795b68554c98'],
	['Canada', 'Country', ['CA'], [], null, null, '71bbafaa-e825-3e15-8ca9-017dcad1748b'],
	['Ireland', 'Country', ['IE'], [], null, null, '390b05d4-11ec-3bce-a343-703a366b34a5'],
	['Jamaica', 'Country', ['JM'], [], null, null, '2dd47a64-91d5-3b13-bc94-80043ed063d7'],
	['Iceland', 'Country', ['IS'], []],
	['Germany', 'Country', ['DE'], []],
	['Nigeria', 'Country', ['NG'], []],
	['Brazil', 'Country', ['BR'], []],
	['Ethiopia', 'Country', ['ET'], []],
	['Mali', 'Country', ['ML'], []],
	['Algeria', 'Country', ['DZ'], []],
	['Japan', 'Country', ['JP'], []],
	['Myanmar', 'Country', ['MM'], []],
	['England', 'Subdivision', [], ['GB-ENG'], 'United Kingdom'],
	['Scotland', 'Subdivision', [], ['GB-SCT'], 'United Kingdom'],
	['Wales', 'Subdivision', [], ['GB-WLS'], 'United Kingdom'],
	['Northern Ireland', 'Subdivision', [], ['GB-NIR'], 'United Kingdom'],
	['Greater Manchester', 'County', [], [], 'England'],
	['Oxfordshire', 'County', [], [], 'England'],
	['Merseyside', 'County', [], [], 'England'],
	['Suffolk', 'County', [], [], 'England'],
	['Berkshire', 'County', [], [], 'England'],
	['London', 'City', [], [], 'England'],
	['Bristol', 'City', [], [], 'England'],
	['Salford', 'City', [], [], 'Greater Manchester'],
	['Liverpool', 'City', [], [], 'Merseyside'],
	['Woodbridge', 'City', [], [], 'Suffolk'],
	['Reading', 'City', [], [], 'Berkshire'],
	[
		'Abingdon-on-Thames',
		'City',
		[],
		[],
		'Oxfordshire',
		null,
		'd840d4b3-8987-4626-928b-398de760cc24'
	],
	['Bexleyheath', 'City', [], [], 'London'],
	['Brixton', 'District', [], [], 'London'],
	['Edinburgh', 'City', [], [], 'Scotland'],
	['Grangemouth', 'City', [], [], 'Scotland'],
	['Garnant', 'City', [], [], 'Wales'],
	['Belfast', 'City', [], [], 'Northern Ireland'],
	['Dublin', 'City', [], [], 'Ireland'],
	['Limerick', 'City', [], [], 'Ireland'],
	['Reykjavík', 'City', [], [], 'Iceland'],
	['North Rhine-Westphalia', 'Subdivision', [], ['DE-NW'], 'Germany'],
	['Cologne', 'City', [], [], 'North Rhine-Westphalia'],
	['Düsseldorf', 'City', [], [], 'North Rhine-Westphalia'],
	['Illinois', 'Subdivision', [], ['US-IL'], 'United States'],
	['Minnesota', 'Subdivision', [], ['US-MN'], 'United States'],
	['New York (state)', 'Subdivision', [], ['US-NY'], 'United States', 'New York'],
	['Washington', 'Subdivision', [], ['US-WA'], 'United States'],
	['California', 'Subdivision', [], ['US-CA'], 'United States'],
	['North Carolina', 'Subdivision', [], ['US-NC'], 'United States'],
	['Kentucky', 'Subdivision', [], ['US-KY'], 'United States'],
	['Michigan', 'Subdivision', [], ['US-MI'], 'United States'],
	['Mississippi', 'Subdivision', [], ['US-MS'], 'United States'],
	['Alton', 'City', [], [], 'Illinois'],
	['Chicago', 'City', [], [], 'Illinois'],
	['Duluth', 'City', [], [], 'Minnesota', null, '04e60741-b1ae-4078-80bb-ffe8ae643ea7'],
	['New York', 'City', [], [], 'New York (state)'],
	['Brooklyn', 'District', [], [], 'New York'],
	['Aberdeen', 'City', [], [], 'Washington'],
	['Hawthorne', 'City', [], [], 'California'],
	['Compton', 'City', [], [], 'California'],
	['Hayward', 'City', [], [], 'California'],
	['San Francisco', 'City', [], [], 'California'],
	['Hamlet', 'City', [], [], 'North Carolina'],
	['Louisville', 'City', [], [], 'Kentucky'],
	['Detroit', 'City', [], [], 'Michigan'],
	['Saginaw', 'City', [], [], 'Michigan'],
	['Jackson', 'City', [], [], 'Mississippi'],
	['Alberta', 'Subdivision', [], ['CA-AB'], 'Canada'],
	['Quebec', 'Subdivision', [], ['CA-QC'], 'Canada'],
	['Fort Macleod', 'City', [], [], 'Alberta'],
	['Montréal', 'City', [], [], 'Quebec'],
	['Westmount', 'City', [], [], 'Quebec', null, '3f504d54-c40c-487d-bc16-c1990eac887f'],
	[
		'Kingston',
		'Subdivision',
		[],
		['JM-01'],
		'Jamaica',
		null,
		'23e0d135-9fe7-48cb-b2c4-93addd3d1e37'
	],
	['Ogun', 'Subdivision', [], ['NG-OG'], 'Nigeria'],
	['Abeokuta', 'City', [], [], 'Ogun'],
	['Bahia', 'Subdivision', [], ['BR-BA'], 'Brazil'],
	['São Paulo (state)', 'Subdivision', [], ['BR-SP'], 'Brazil', 'São Paulo'],
	['Santo Amaro', 'City', [], [], 'Bahia'],
	['Salvador', 'City', [], [], 'Bahia'],
	['São Paulo', 'City', [], [], 'São Paulo (state)'],
	['Oromia', 'Subdivision', [], ['ET-OR'], 'Ethiopia'],
	['Jimma', 'City', [], [], 'Oromia'],
	['Tamanrasset', 'City', [], [], 'Algeria'],
	['Tokyo', 'Subdivision', [], ['JP-13'], 'Japan'],
	['Yangon', 'City', [], [], 'Myanmar']
];

/**
 * [name, type, area key, begin-area key, begin, end, tags [name, count][], disambiguation,
 * sort name, real MBID]; null where MusicBrainz has nothing.
 */
export const ARTISTS = [
	[
		'Radiohead',
		'Group',
		'United Kingdom',
		'Abingdon-on-Thames',
		'1985',
		null,
		[
			['alternative rock', 25],
			['rock', 20],
			['art rock', 10],
			['electronic', 6],
			['experimental', 5]
		]
	],
	[
		'Sigur Rós',
		'Group',
		'Iceland',
		'Reykjavík',
		'1994',
		null,
		[
			['post-rock', 15],
			['ambient', 5],
			['dream pop', 3]
		]
	],
	[
		'Kate Bush',
		'Person',
		'United Kingdom',
		'Bexleyheath',
		'1958-07-30',
		null,
		[
			['art pop', 10],
			['baroque pop', 4],
			['progressive pop', 3]
		],
		null,
		'Bush, Kate'
	],
	[
		'Bush',
		'Group',
		'United Kingdom',
		'London',
		'1992',
		null,
		[
			['post-grunge', 8],
			['alternative rock', 5]
		],
		'UK rock band'
	],
	[
		'Miles Davis',
		'Person',
		'United States',
		'Alton',
		'1926-05-26',
		'1991-09-28',
		[
			['jazz', 20],
			['jazz fusion', 8],
			['cool jazz', 6],
			['modal jazz', 5],
			['hard bop', 4]
		],
		null,
		'Davis, Miles'
	],
	[
		'Can',
		'Group',
		'Cologne',
		'Cologne',
		'1968',
		'1979',
		[
			['krautrock', 15],
			['experimental rock', 8],
			['psychedelic rock', 3]
		],
		'German krautrock band'
	],
	[
		'Joy Division',
		'Group',
		'Salford',
		'Salford',
		'1976',
		'1980-05-18',
		[
			['post-punk', 20],
			['gothic rock', 4],
			['new wave', 3]
		]
	],
	[
		'Björk',
		'Person',
		'Iceland',
		'Reykjavík',
		'1965-11-21',
		null,
		[
			['art pop', 12],
			['electronic', 10],
			['experimental', 5],
			['trip hop', 4]
		]
	],
	[
		'Fela Kuti',
		'Person',
		'Nigeria',
		'Abeokuta',
		'1938-10-15',
		'1997-08-02',
		[
			['afrobeat', 15],
			['funk', 4],
			['jazz', 3]
		],
		null,
		'Kuti, Fela'
	],
	[
		'Caetano Veloso',
		'Person',
		'Brazil',
		'Santo Amaro',
		'1942-08-07',
		null,
		[
			['mpb', 12],
			['tropicália', 10],
			['bossa nova', 4]
		],
		null,
		'Veloso, Caetano'
	],
	[
		'Leonard Cohen',
		'Person',
		'Canada',
		'Westmount',
		'1934-09-21',
		'2016-11-07',
		[
			['folk', 4],
			['contemporary folk', 3],
			['blues rock', 3],
			['singer-songwriter', 2]
		],
		null,
		'Cohen, Leonard',
		'65314b12-0e08-43fa-ba33-baaa7b874c15'
	],
	[
		'Bob Dylan',
		'Person',
		'United States',
		'Duluth',
		'1941-05-24',
		null,
		[
			['folk rock', 12],
			['folk', 8],
			['rock', 8],
			['blues rock', 6]
		],
		null,
		'Dylan, Bob',
		'72c536dc-7137-4477-a521-567eeb840fa8'
	],
	[
		'Bob Marley & The Wailers',
		'Group',
		'Jamaica',
		'Kingston',
		'1970-12',
		'1981-05-11',
		[['reggae', 10]],
		null,
		'Marley, Bob & The Wailers',
		'c296e10c-110a-4103-9e77-47bfebb7fb2e'
	],
	[
		'Nirvana',
		'Group',
		'United States',
		'Aberdeen',
		'1987',
		'1994-04-05',
		[
			['grunge', 20],
			['alternative rock', 10]
		],
		'90s US grunge band'
	],
	[
		'Nirvana',
		'Group',
		'United Kingdom',
		'London',
		'1967',
		'1971',
		[['psychedelic pop', 3]],
		'60s band from the UK'
	],
	[
		'The Velvet Underground',
		'Group',
		'United States',
		'New York',
		'1964',
		'1973',
		[
			['art rock', 8],
			['proto-punk', 6],
			['experimental rock', 5]
		],
		null,
		'Velvet Underground, The'
	],
	['Nico', 'Person', 'Germany', 'Cologne', '1938-10-16', '1988-07-18', [['chamber pop', 4]]],
	[
		'David Bowie',
		'Person',
		'United Kingdom',
		'Brixton',
		'1947-01-08',
		'2016-01-10',
		[
			['rock', 20],
			['glam rock', 12],
			['art rock', 10]
		],
		null,
		'Bowie, David'
	],
	[
		'Joni Mitchell',
		'Person',
		'Canada',
		'Fort Macleod',
		'1943-11-07',
		null,
		[
			['folk', 10],
			['singer-songwriter', 8]
		],
		null,
		'Mitchell, Joni'
	],
	[
		'LeAnn Rimes',
		'Person',
		'United States',
		'Jackson',
		'1982-08-28',
		null,
		[['country', 10]],
		null,
		'Rimes, LeAnn'
	],
	[
		'Queen',
		'Group',
		'United Kingdom',
		'London',
		'1970',
		null,
		[
			['rock', 15],
			['hard rock', 6]
		],
		'UK rock group'
	],
	[
		'The Who',
		'Group',
		'United Kingdom',
		'London',
		'1964',
		null,
		[
			['rock', 12],
			['hard rock', 5]
		],
		null,
		'Who, The'
	],
	[
		'Simon & Garfunkel',
		'Group',
		'United States',
		'New York',
		'1957',
		'2010',
		[
			['folk rock', 8],
			['folk', 5]
		]
	],
	[
		'Fleetwood Mac',
		'Group',
		'United Kingdom',
		'London',
		'1967',
		null,
		[
			['rock', 10],
			['soft rock', 6]
		]
	],
	[
		'The Beatles',
		'Group',
		'United Kingdom',
		'Liverpool',
		'1960',
		'1970-04-10',
		[
			['rock', 20],
			['pop', 12],
			['psychedelic rock', 6]
		],
		null,
		'Beatles, The'
	],
	[
		'The Beach Boys',
		'Group',
		'United States',
		'Hawthorne',
		'1961',
		null,
		[
			['pop', 6],
			['sunshine pop', 5],
			['baroque pop', 4]
		],
		null,
		'Beach Boys, The'
	],
	[
		'Lou Reed',
		'Person',
		'United States',
		'Brooklyn',
		'1942-03-02',
		'2013-10-27',
		[['rock', 10]],
		null,
		'Reed, Lou'
	],
	[
		'John Cale',
		'Person',
		'United Kingdom',
		'Garnant',
		'1942-03-09',
		null,
		[['experimental', 5]],
		null,
		'Cale, John'
	],
	[
		'Talking Heads',
		'Group',
		'United States',
		'New York',
		'1975',
		'1991',
		[
			['new wave', 15],
			['post-punk', 8]
		]
	],
	[
		'Kendrick Lamar',
		'Person',
		'United States',
		'Compton',
		'1987-06-17',
		null,
		[
			['hip hop', 15],
			['west coast hip hop', 8],
			['conscious hip hop', 6]
		],
		null,
		'Lamar, Kendrick'
	],
	[
		'Nas',
		'Person',
		'United States',
		'Brooklyn',
		'1973-09-14',
		null,
		[
			['hip hop', 12],
			['east coast hip hop', 10]
		]
	],
	[
		'Portishead',
		'Group',
		'United Kingdom',
		'Bristol',
		'1991',
		null,
		[
			['trip hop', 20],
			['electronic', 6]
		]
	],
	[
		'Aphex Twin',
		'Person',
		'United Kingdom',
		'Limerick',
		'1971-08-18',
		null,
		[
			['idm', 15],
			['electronic', 10],
			['ambient', 8]
		]
	],
	['Massive Attack', 'Group', 'United Kingdom', 'Bristol', '1988', null, [['trip hop', 20]]],
	[
		'My Bloody Valentine',
		'Group',
		'Ireland',
		'Dublin',
		'1983',
		null,
		[
			['shoegaze', 20],
			['noise pop', 6]
		]
	],
	[
		'John Coltrane',
		'Person',
		'United States',
		'Hamlet',
		'1926-09-23',
		'1967-07-17',
		[
			['jazz', 15],
			['hard bop', 6],
			['free jazz', 5],
			['spiritual jazz', 4]
		],
		null,
		'Coltrane, John'
	],
	[
		'Herbie Hancock',
		'Person',
		'United States',
		'Chicago',
		'1940-04-12',
		null,
		[
			['jazz', 10],
			['jazz fusion', 8],
			['post-bop', 4]
		],
		null,
		'Hancock, Herbie'
	],
	[
		'Kraftwerk',
		'Group',
		'Germany',
		'Düsseldorf',
		'1970',
		null,
		[
			['electronic', 20],
			['synth-pop', 10],
			['krautrock', 8]
		]
	],
	['Neu!', 'Group', 'Germany', 'Düsseldorf', '1971', '1975', [['krautrock', 12]]],
	[
		'Mulatu Astatke',
		'Person',
		'Ethiopia',
		'Jimma',
		'1943-12-19',
		null,
		[['ethio-jazz', 8]],
		null,
		'Astatke, Mulatu'
	],
	[
		'Tinariwen',
		'Group',
		'Mali',
		'Tamanrasset',
		'1979',
		null,
		[
			['desert blues', 8],
			['tishoumaren', 4]
		]
	],
	[
		'Os Mutantes',
		'Group',
		'Brazil',
		'São Paulo',
		'1966',
		null,
		[
			['tropicália', 10],
			['psychedelic rock', 6]
		],
		null,
		'Mutantes, Os'
	],
	['Novos Baianos', 'Group', 'Brazil', 'Salvador', '1969', null, [['mpb', 5]]],
	[
		'Haruomi Hosono',
		'Person',
		'Japan',
		'Tokyo',
		'1947-07-09',
		null,
		[['exotica', 3]],
		null,
		'Hosono, Haruomi'
	],
	[
		'Boards of Canada',
		'Group',
		'United Kingdom',
		'Edinburgh',
		'1986',
		null,
		[
			['idm', 12],
			['ambient', 8]
		]
	],
	['Cocteau Twins', 'Group', 'United Kingdom', 'Grangemouth', '1979', '1997', [['dream pop', 15]]],
	[
		'Slowdive',
		'Group',
		'United Kingdom',
		'Reading',
		'1989',
		null,
		[
			['shoegaze', 15],
			['dream pop', 8]
		]
	],
	[
		'Talk Talk',
		'Group',
		'United Kingdom',
		'London',
		'1981',
		'1991',
		[
			['art rock', 6],
			['post-rock', 5]
		]
	],
	['Bark Psychosis', 'Group', 'United Kingdom', 'London', '1986', null, [['post-rock', 10]]],
	[
		'Slint',
		'Group',
		'United States',
		'Louisville',
		'1986',
		'1992',
		[
			['post-rock', 10],
			['math rock', 8]
		]
	],
	['Godspeed You! Black Emperor', 'Group', 'Canada', 'Montréal', '1994', null, [['post-rock', 20]]],
	[
		'Marvin Gaye',
		'Person',
		'United States',
		null,
		'1939-04-02',
		'1984-04-01',
		[
			['soul', 15],
			['rhythm and blues', 8]
		],
		null,
		'Gaye, Marvin'
	],
	[
		'Stevie Wonder',
		'Person',
		'United States',
		'Saginaw',
		'1950-05-13',
		null,
		[
			['soul', 12],
			['funk', 6]
		],
		null,
		'Wonder, Stevie'
	],
	[
		'Sly and the Family Stone',
		'Group',
		'United States',
		'San Francisco',
		'1966',
		'1983',
		[
			['funk', 12],
			['soul', 8]
		]
	],
	['Funkadelic', 'Group', 'United States', 'Detroit', '1968', null, [['funk', 12]]],
	[
		'Nick Drake',
		'Person',
		'United Kingdom',
		'Yangon',
		'1948-06-19',
		'1974-11-25',
		[['folk', 10]],
		null,
		'Drake, Nick'
	],
	[
		'Van Morrison',
		'Person',
		'United Kingdom',
		'Belfast',
		'1945-08-31',
		null,
		[['folk rock', 6]],
		null,
		'Morrison, Van'
	],
	['Television', 'Group', 'United States', 'New York', '1973', null, [['art punk', 6]]],
	[
		'Brian Eno',
		'Person',
		'United Kingdom',
		'Woodbridge',
		'1948-05-15',
		null,
		[
			['ambient', 20],
			['electronic', 6]
		],
		null,
		'Eno, Brian'
	],
	// No life-span at all: MusicBrainz doesn't know when Burial began.
	['Burial', 'Person', 'United Kingdom', 'London', null, null, [['dubstep', 15]]],
	['J Dilla', 'Person', 'United States', 'Detroit', '1974-02-07', '2006-02-10', [['hip hop', 10]]],
	[
		'DJ Shadow',
		'Person',
		'United States',
		'Hayward',
		'1972-06-29',
		null,
		[['instrumental hip hop', 10]]
	],
	// No area and no tags.
	['Madvillain', 'Group', null, null, '2002', null, []]
];
