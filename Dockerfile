FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# Runtime packages only, at the exact versions and hashes of requirements.lock (`make lock`); the
# test, lint and type tools of requirements-dev.lock stay out of the production image.
COPY requirements.lock .
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements.lock
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_DEBUG=0 python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "talks_tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]
