/** Ports the browser tests use, apart from `npm start`'s so both can run at once. */
export const TEST_PORTS = {
	app: 4273,
	functions: 54421,
	fakeOpenAI: 54429
} as const;
