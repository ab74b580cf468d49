"""What a CHECK cannot say across two rows: an agenda item lies within its event, and a session
within its forum. Deferred constraint triggers check it when the transaction commits, so a
service may move an event and its agenda together."""

from django.db import migrations

from accounts.groups import SECRETARIAT, grant_model_permissions

CONTAINMENT = """
CREATE FUNCTION events_check_containment() RETURNS trigger AS $$
DECLARE
  target bigint;
BEGIN
  IF TG_TABLE_NAME = 'events_agendaitem' THEN
    target := NEW.event_id;
  ELSE
    target := NEW.id;
  END IF;
  IF EXISTS (
    SELECT 1 FROM events_agendaitem a JOIN events_event e ON e.id = a.event_id
    WHERE e.id = target AND (a.starts_at < e.starts_at OR a.ends_at > e.ends_at)
  ) THEN
    RAISE EXCEPTION 'An agenda item lies outside its event (event %)', target
      USING ERRCODE = 'check_violation', CONSTRAINT = 'events_agenda_within_event';
  END IF;
  IF EXISTS (
    SELECT 1 FROM events_event s JOIN events_event f ON f.id = s.parent_id
    WHERE (s.id = target OR f.id = target)
      AND (s.starts_at < f.starts_at OR s.ends_at > f.ends_at OR f.kind <> 'forum')
  ) THEN
    RAISE EXCEPTION 'A session lies outside its forum (event %)', target
      USING ERRCODE = 'check_violation', CONSTRAINT = 'events_session_within_forum';
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER events_agenda_within_event
  AFTER INSERT OR UPDATE ON events_agendaitem DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION events_check_containment();
CREATE CONSTRAINT TRIGGER events_event_containment
  AFTER INSERT OR UPDATE ON events_event DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION events_check_containment();
"""

DROP = """
DROP TRIGGER IF EXISTS events_agenda_within_event ON events_agendaitem;
DROP TRIGGER IF EXISTS events_event_containment ON events_event;
DROP FUNCTION IF EXISTS events_check_containment();
"""


def grant(apps, schema_editor):
    grant_model_permissions(apps, group_name=SECRETARIAT, app_labels=["events"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_calendar"),
        ("accounts", "0002_groups"),
    ]

    operations = [
        migrations.RunSQL(CONTAINMENT, DROP),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
