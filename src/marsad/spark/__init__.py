"""The Spark job: ``marsad spark run`` (see :mod:`marsad.spark.job` and ``docs/scaling.md``).

pyspark is an optional dependency (``pip install 'marsad[spark]'``); it is imported only when a job runs.
"""

from marsad.spark.job import SparkSummary, read_documents, run_spark, spark_session

__all__ = ["SparkSummary", "read_documents", "run_spark", "spark_session"]
