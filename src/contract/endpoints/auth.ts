/** Endpoints: auth. */
import {
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  LoginRequest,
  SessionResponse,
} from '../auth.js';
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
  'POST /api/auth/password': {
    summary:
      'Change the signed-in user’s password (the current one required); the user’s other sessions are ended',
    tags: ['auth'],
    body: ChangePasswordRequest,
    response: Ok,
  },
  'POST /api/auth/password-reset': {
    summary: 'Set a new password with the one-time token of a reset link issued by a user manager',
    tags: ['auth'],
    body: CompletePasswordResetRequest,
    response: Ok,
  },
} as const satisfies Record<string, EndpointDef>;
