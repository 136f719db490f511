/** Endpoints: auth. */
import { LoginRequest, SessionResponse } from '../auth.js';
import { Ok } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const authEndpoints = {
  'POST /api/auth/login': {
    summary: 'Log in: sets the session cookie, returns the user and the CSRF token',
    tags: ['auth'],
    body: LoginRequest,
    response: SessionResponse,
  },
  'POST /api/auth/logout': { summary: 'Log out (ends the session)', tags: ['auth'], response: Ok },
  'GET /api/me': {
    summary: 'The signed-in user and the CSRF token',
    tags: ['auth'],
    response: SessionResponse,
  },
} as const satisfies Record<string, EndpointDef>;
