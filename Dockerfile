# The portal's image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Locked versions first, so this layer is rebuilt only when the lock file changes.
COPY requirements/production.lock requirements/
RUN pip install --require-hashes -r requirements/production.lock

# The project itself: everything .dockerignore does not leave out (config/apps.py names the apps).
COPY . .
RUN pip install --no-deps . \
    && useradd --system --uid 10001 --home /app portal \
    && mkdir -p /app/var /app/media \
    && chown -R portal /app/var /app/media

# collectstatic needs settings but no secrets or services: a throwaway key, unused URLs.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DATABASE_URL=postgres://unused@localhost/unused \
    REDIS_URL=redis://unused:6379/0 \
    python manage.py collectstatic --noinput

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
