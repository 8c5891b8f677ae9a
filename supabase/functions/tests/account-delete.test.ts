/**
 * `POST /curator/account/delete`: a listener deletes their own account, and only theirs.
 * Auth's admin API is a small fake at the edge (GoTrue's route, headers and answers).
 */
import { SignJWT } from 'jose';
import { assertEquals, assertMatch } from './_assert.ts';
import { type Stack, startStack } from './_helpers.ts';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters';
const SERVICE_KEY = 'the-projects-service-role-key';
const CONFIRM = { confirm: 'DELETE' };

interface AdminCall {
	path: string;
	apikey: string | null;
	authorization: string | null;
}

interface FakeAdmin {
	url: string;
	users: Set<string>;
	calls: AdminCall[];
	/** 'down': Auth answers 503 without deleting anything. */
	mode: 'ok' | 'down';
	close(): Promise<void>;
}

/** GoTrue's `DELETE /admin/users/{id}`: service role only, 404 user_not_found for an unknown id. */
function startFakeAdmin(users: string[]): FakeAdmin {
	const fake: FakeAdmin = {
		url: '',
		users: new Set(users),
		calls: [],
		mode: 'ok',
		close: () => server.shutdown()
	};
	const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, (req) => {
		const path = new URL(req.url).pathname;
		fake.calls.push({
			path,
			apikey: req.headers.get('apikey'),
			authorization: req.headers.get('authorization')
		});
		const id = /^\/auth\/v1\/admin\/users\/([^/]+)$/.exec(path)?.[1];
		if (req.method !== 'DELETE' || !id) {
			return Response.json({ code: 404, error_code: 'not_found', msg: 'no such route' }, {
				status: 404
			});
		}
		if (fake.mode === 'down') {
			return Response.json({ message: 'upstream unavailable' }, { status: 503 });
		}
		if (req.headers.get('authorization') !== `Bearer ${SERVICE_KEY}`) {
			return Response.json({ code: 403, error_code: 'not_admin', msg: 'User not allowed' }, {
				status: 403
			});
		}
		if (!fake.users.delete(decodeURIComponent(id))) {
			return Response.json({ code: 404, error_code: 'user_not_found', msg: 'User not found' }, {
				status: 404
			});
		}
		return Response.json({});
	});
	fake.url = `http://127.0.0.1:${server.addr.port}`;
	return fake;
}

function token(
	sub: string,
	options: { secret?: string; expiresIn?: string | number; anonymous?: boolean } = {}
) {
	return new SignJWT({
		sub,
		aud: 'authenticated',
		role: 'authenticated',
		is_anonymous: options.anonymous ?? false
	})
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime(options.expiresIn ?? '1h')
		.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

async function withStack(
	users: string[],
	run: (s: Stack, admin: FakeAdmin) => Promise<void>,
	serviceKey: string | null = SERVICE_KEY
) {
	const admin = startFakeAdmin(users);
	const s = await startStack({
		curatorJwtSecret: SECRET,
		supabaseUrl: admin.url,
		supabaseServiceRoleKey: serviceKey ?? undefined
	});
	try {
		await run(s, admin);
	} finally {
		await s.close();
		await admin.close();
	}
}

Deno.test('account delete: deletes the caller, with the service key, whatever the body names', async () => {
	await withStack(['user-1', 'user-2'], async (s, admin) => {
		const res = await s.post(
			'account/delete',
			{ ...CONFIRM, userId: 'user-2', id: 'user-2' },
			bearer(await token('user-1'))
		);
		assertEquals(res.status, 200);
		assertEquals(await res.json(), { deleted: true, userId: 'user-1' });
		assertEquals([...admin.users], ['user-2']);
		assertEquals(admin.calls, [{
			path: '/auth/v1/admin/users/user-1',
			apikey: SERVICE_KEY,
			authorization: `Bearer ${SERVICE_KEY}`
		}]);
	});
});

Deno.test('account delete: an anonymous listener may delete too', async () => {
	await withStack(['anon-1'], async (s, admin) => {
		const res = await s.post(
			'account/delete',
			CONFIRM,
			bearer(await token('anon-1', { anonymous: true }))
		);
		assertEquals(res.status, 200);
		await res.body?.cancel();
		assertEquals(admin.users.size, 0);
	});
});

Deno.test('account delete: an expired or forged token is refused and Auth is never asked', async () => {
	await withStack(['user-1'], async (s, admin) => {
		const expired = await token('user-1', { expiresIn: Math.floor(Date.now() / 1000) - 10 });
		const forged = await token('user-1', { secret: 'someone-elses-secret-of-at-least-32-chars' });
		for (const headers of [bearer(expired), bearer(forged), {}]) {
			const res = await s.post('account/delete', CONFIRM, headers);
			assertEquals(res.status, 401);
			assertEquals((await res.json()).error.code, 'UNAUTHORIZED');
		}
		assertEquals(admin.calls.length, 0);
		assertEquals([...admin.users], ['user-1']);
	});
});

Deno.test('account delete: without the typed confirmation nothing is deleted', async () => {
	await withStack(['user-1'], async (s, admin) => {
		const res = await s.post('account/delete', { confirm: 'yes' }, bearer(await token('user-1')));
		assertEquals(res.status, 400);
		assertEquals((await res.json()).error.code, 'INVALID_INPUT');
		assertEquals(admin.calls.length, 0);
	});
});

Deno.test('account delete: Auth down → a clear error, nothing deleted, and a retry succeeds', async () => {
	await withStack(['user-1'], async (s, admin) => {
		admin.mode = 'down';
		const t = await token('user-1');
		const res = await s.post('account/delete', CONFIRM, bearer(t));
		assertEquals(res.status, 503);
		const body = await res.json();
		assertEquals(body.error.code, 'UPSTREAM_UNAVAILABLE');
		assertMatch(body.error.message, /Nothing was deleted/);
		assertEquals([...admin.users], ['user-1']);

		admin.mode = 'ok';
		const retry = await s.post('account/delete', CONFIRM, bearer(t));
		assertEquals(retry.status, 200);
		await retry.body?.cancel();
		assertEquals(admin.users.size, 0);
		// The answer was lost and the listener tries again: already gone counts as done.
		const again = await s.post('account/delete', CONFIRM, bearer(t));
		assertEquals(again.status, 200);
		await again.body?.cancel();
	});
});

Deno.test('account delete: Auth unreachable → the same clear error', async () => {
	const admin = startFakeAdmin([]);
	const gone = admin.url;
	await admin.close();
	const s = await startStack({
		curatorJwtSecret: SECRET,
		supabaseUrl: gone,
		supabaseServiceRoleKey: SERVICE_KEY
	});
	try {
		const res = await s.post('account/delete', CONFIRM, bearer(await token('user-1')));
		assertEquals(res.status, 503);
		assertMatch(
			(await res.json()).error.message,
			/could not be deleted just now.*Nothing was deleted/
		);
	} finally {
		await s.close();
	}
});

Deno.test('account delete: no service key → refused, and the operator is told what is missing', async () => {
	await withStack(['user-1'], async (s, admin) => {
		const res = await s.post('account/delete', CONFIRM, bearer(await token('user-1')));
		assertEquals(res.status, 500);
		assertMatch((await res.json()).error.message, /SUPABASE_SERVICE_ROLE_KEY/);
		assertEquals(admin.calls.length, 0);
	}, null);
});
