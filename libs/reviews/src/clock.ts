import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for review deadlines, reminders and acceptance windows. Tests move it
 * (jest.spyOn(clock, 'now')) instead of sleeping; the database's now() is never used for them.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
