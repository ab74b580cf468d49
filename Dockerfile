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
COPY pyproject.toml README.md ./
COPY config ./config
COPY core ./core
COPY accounts ./accounts
COPY cities ./cities
COPY newsfeed ./newsfeed
COPY events ./events
COPY campaign ./campaign
COPY charter ./charter
COPY docs_library ./docs_library
COPY discussions ./discussions
COPY portal ./portal
COPY templates ./templates
COPY static ./static
COPY locale ./locale
COPY manage.py ./
RUN pip install . \
    && useradd --system --uid 10001 --home /app portal \
    && mkdir -p /app/var /app/media \
    && chown -R portal /app/var /app/media

# collectstatic needs settings but no secrets or services of its own.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused@localhost/unused \
    python manage.py collectstatic --noinput

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
